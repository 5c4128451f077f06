package dev.bulwark.scanner;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.core.scan.SecretFinding;
import dev.bulwark.scanner.index.FileAnalyzer;
import dev.bulwark.scanner.index.FileStream;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.layer.FileTree;
import dev.bulwark.scanner.layer.FileVisitor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link FileAnalyzer}s of one scan over the files of its layers as they stream past. Packages are kept
 * per path and follow the file: replaced when a later layer rewrites it, dropped when a layer deletes it. Secrets
 * stay once seen, since a deleted file is still in the lower layer's tar. A file two analyzers want is read
 * into memory once when it is small enough, else only the first analyzer reads it. Analyzers that
 * {@link FileAnalyzer#runsAside() run aside} get files up to {@link #ASIDE_LIMIT} on a thread of their own, with at
 * most {@link #ASIDE_BYTES} waiting for it, so the tar is read on while they search; their results are collected in
 * the order of the files. Not thread-safe: one scan's thread calls it.
 */
final class FileAnalysis implements FileVisitor {

    static final long SHARED_READ_LIMIT = 64L << 20;
    static final int ASIDE_LIMIT = 4 << 20;
    static final int ASIDE_BYTES = 32 << 20;

    private final List<FileAnalyzer> analyzers;
    private final List<String> layerIds;
    private final Map<String, Found> byPath = new TreeMap<>();
    private final List<SecretFinding> secrets = new ArrayList<>();
    private final List<ScanWarning> warnings = new ArrayList<>();
    private final List<Future<Inventory>> aside = new ArrayList<>();
    private final Semaphore asideBytes = new Semaphore(ASIDE_BYTES);
    /** One thread, started when first needed and ended when idle: nothing to shut down after a failed scan. */
    private final ExecutorService asideThread = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("file-analysis-aside").factory());

    /** The packages of one file, the layer that wrote it, and whether it only declares them (a lock file). */
    record Found(int layer, List<InstalledPackage> packages, boolean declared) {}

    /** What the layers so far gave, frozen: the packages of each file present, the secrets and the warnings. */
    record Snapshot(Map<String, Found> byPath, List<SecretFinding> secrets, List<ScanWarning> warnings) {
        Snapshot {
            byPath = Map.copyOf(byPath);
            secrets = List.copyOf(secrets);
            warnings = List.copyOf(warnings);
        }
    }

    FileAnalysis(List<FileAnalyzer> analyzers, List<String> layerIds) {
        this.analyzers = analyzers;
        this.layerIds = layerIds;
    }

    /** An analysis that goes on from a snapshot of another scan of the same first layers. */
    FileAnalysis(List<FileAnalyzer> analyzers, List<String> layerIds, Snapshot from) {
        this(analyzers, layerIds);
        byPath.putAll(from.byPath());
        secrets.addAll(from.secrets());
        warnings.addAll(from.warnings());
    }

    /** The state now, once the files still analysed aside are done. */
    Snapshot snapshot() {
        collectAside();
        return new Snapshot(byPath, secrets, warnings);
    }

    @Override
    public boolean wants(String path, int mode, long size) {
        for (FileAnalyzer a : analyzers) {
            if (a.wants(path, mode, size)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void visit(String path, int mode, long size, int layer, InputStream body) throws IOException {
        String layerId = layerIds.get(layer);
        List<FileAnalyzer> readers = new ArrayList<>();
        for (FileAnalyzer a : analyzers) {
            if (!a.wants(path, mode, size)) {
                continue;
            }
            if (size > a.maxFileSize()) {
                warnings.add(new ScanWarning(path, layerId, "file is %d bytes, over the %d-byte limit of the %s analyzer; not read"
                        .formatted(size, a.maxFileSize(), a.name())));
            } else {
                readers.add(a);
            }
        }
        byte[] shared = null;
        boolean toSide = size <= ASIDE_LIMIT && readers.stream().anyMatch(FileAnalyzer::runsAside);
        if (readers.size() > 1 || toSide) {
            if (size <= SHARED_READ_LIMIT) {
                shared = body.readNBytes((int) size);
            } else {
                readers.subList(1, readers.size()).forEach(a -> warnings.add(new ScanWarning(path, layerId,
                        "file is too large to read twice; the %s analyzer skipped it".formatted(a.name()))));
                readers = readers.subList(0, 1);
            }
        }
        List<InstalledPackage> packages = new ArrayList<>();
        boolean declared = true;
        for (FileAnalyzer a : readers) {
            InputStream in = shared == null ? body : new ByteArrayInputStream(shared);
            FileStream file = new FileStream(path, layerId, mode, size, in);
            // a file over the aside limit read once for several analyzers is searched here: asking for more
            // permits than the semaphore holds would wait forever
            if (a.runsAside() && toSide) {
                toSide(a, file, shared.length);
                continue;
            }
            Inventory found = run(a, file);
            declared &= found.packages().isEmpty() || a.declaresOnly();
            packages.addAll(found.packages());
            secrets.addAll(found.secrets());
            warnings.addAll(found.warnings());
        }
        if (packages.isEmpty()) {
            byPath.remove(path);
        } else {
            byPath.put(path, new Found(layer, packages.stream().map(p -> p.withLayer(layerId)).toList(), declared));
        }
    }

    private void toSide(FileAnalyzer analyzer, FileStream file, int bytes) {
        asideBytes.acquireUninterruptibly(bytes);
        aside.add(CompletableFuture.supplyAsync(() -> {
            try {
                return run(analyzer, file);
            } finally {
                asideBytes.release(bytes);
            }
        }, asideThread));
    }

    /** Takes in what the analyzers running aside found, in the order the files came. */
    private void collectAside() {
        for (Future<Inventory> f : aside) {
            Inventory found;
            try {
                found = f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while collecting file analyses", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a file analysis failed", e.getCause());
            }
            secrets.addAll(found.secrets());
            warnings.addAll(found.warnings());
        }
        aside.clear();
    }

    private static Inventory run(FileAnalyzer analyzer, FileStream file) {
        try {
            return analyzer.analyze(file);
        } catch (IOException | RuntimeException e) {
            return Inventory.warning(file.path(), file.layer(),
                    "%s analyzer could not read the file: %s".formatted(analyzer.name(), e.getMessage()));
        }
    }

    /** Forgets the packages of files that the layers applied so far deleted or replaced without a new reading. */
    void prune(FileTree tree) {
        byPath.entrySet().removeIf(e -> tree.fileLayer(e.getKey()) != e.getValue().layer());
    }

    /**
     * The packages of the files present now, by path. A package a lock file declares is left out when the same
     * name and version is installed: it is the same code, found where it runs.
     */
    List<InstalledPackage> packages() {
        Set<String> installed = new HashSet<>();
        byPath.values().stream().filter(f -> !f.declared()).flatMap(f -> f.packages().stream())
                .forEach(p -> installed.add(identity(p)));
        List<InstalledPackage> out = new ArrayList<>();
        for (Found f : byPath.values()) {
            f.packages().stream().filter(p -> !f.declared() || !installed.contains(identity(p))).forEach(out::add);
        }
        return out;
    }

    private static String identity(InstalledPackage p) {
        return p.type() + "\u0000" + p.name() + "\u0000" + p.version();
    }

    List<SecretFinding> secrets() {
        collectAside();
        return List.copyOf(secrets);
    }

    List<ScanWarning> warnings() {
        collectAside();
        return List.copyOf(warnings);
    }
}
