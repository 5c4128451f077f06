package dev.bulwark.scanner;

import static java.util.Objects.requireNonNull;

import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.layer.FileTree;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A scan's state after its first layers, as {@link LayerCache} keeps it: the tree, each analyzer's latest result
 * in the order they first answered (the report's order), where each package first appeared for good, and what the
 * file analyzers found. Immutable, so scans on several threads restore it at once, each into a copy of its own.
 *
 * @param latest by the analyzer's position in its scanner's list
 */
record LayerState(FileTree.Snapshot tree, List<Latest> latest, Map<String, String> introducedIn,
        FileAnalysis.Snapshot files) {

    /** One analyzer's latest result. */
    record Latest(int analyzer, Inventory inventory) {
        Latest {
            requireNonNull(inventory, "inventory");
        }
    }

    /** What a record, its strings and the references to it take beyond their characters, roughly. */
    private static final long OVERHEAD = 160;

    LayerState {
        requireNonNull(tree, "tree");
        requireNonNull(files, "files");
        latest = List.copyOf(latest);
        introducedIn = Map.copyOf(introducedIn);
    }

    /** The memory it holds, estimated from the text of what it keeps. */
    long bytes() {
        long sum = tree.bytes();
        for (Latest l : latest) {
            Inventory i = l.inventory();
            sum += estimate(i.packages()) + estimate(i.os()) + estimate(i.secrets()) + estimate(i.warnings());
        }
        for (var e : introducedIn.entrySet()) {
            sum += OVERHEAD + e.getKey().length() + e.getValue().length();
        }
        for (var e : files.byPath().entrySet()) {
            sum += OVERHEAD + e.getKey().length() + estimate(e.getValue().packages());
        }
        return sum + estimate(files.secrets()) + estimate(files.warnings());
    }

    private static long estimate(Collection<?> records) {
        long sum = 0;
        for (Object r : records) {
            sum += OVERHEAD + r.toString().length();
        }
        return sum;
    }
}
