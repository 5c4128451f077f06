package dev.bulwark.cli;

import dev.bulwark.core.io.Printable;
import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.ScanWarning;
import java.io.PrintWriter;
import java.util.List;

/** The exit codes every command documents in {@code --help}. */
final class ExitCodes {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int INVALID_INPUT = 2;

    static final String HELP = """
            Exit codes:
              0  success
              1  failure inside bulwark (a bug or an environment problem: see --debug)
              2  unusable input: bad arguments, unreadable or corrupt image, registry refusal, a limit
                 (--timeout, --max-*) reached; or a report written but known to be incomplete (a package
                 database unreadable or over its limit, lower layers hidden by a whiteout of the root)""";

    private ExitCodes() {}

    /**
     * {@link #INVALID_INPUT}, said in one line, when the inventory is knowingly incomplete, so that a CI gate cannot
     * pass on it; else {@link #OK}.
     */
    static int incomplete(ImageInventory inventory, PrintWriter err) {
        List<ScanWarning> cuts = inventory.warnings().stream().filter(ScanWarning::incomplete).toList();
        if (cuts.isEmpty()) {
            return OK;
        }
        err.println("bulwark: the report is incomplete: " + Printable.of(cuts.getFirst().toString(), 300)
                + (cuts.size() > 1 ? " (and %d more; see its warnings)".formatted(cuts.size() - 1) : ""));
        return INVALID_INPUT;
    }
}
