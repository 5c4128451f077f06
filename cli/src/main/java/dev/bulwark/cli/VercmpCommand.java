package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.vulndb.version.Ecosystem;
import dev.bulwark.vulndb.version.VersionComparator;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark vercmp}: compares versions as the ecosystem's own tool does. */
@Command(name = "vercmp", mixinStandardHelpOptions = true,
        description = {"Compare versions the way each ecosystem's own tool does.",
                "  bulwark vercmp -e deb A B     prints <, = or >",
                "  bulwark vercmp -e rpm --batch reads lines 'A B' from stdin, prints one operator per line",
                "                                (a line that cannot be compared prints '?' and an error on stderr)",
                "  bulwark vercmp -e apk --sort  reads one version per line, prints them ascending",
                "A version the tool calls malformed but compares anyway (apk's 2.7.16-33) is compared the same way,",
                "with a note on stderr."},
        footer = "%n" + ExitCodes.HELP)
final class VercmpCommand implements Callable<Integer> {

    private static final int MAX_SORT_LINES = 10_000_000;
    private static final int MAX_LINE_CHARS = 1 << 16;

    @Spec
    CommandSpec spec;

    @Option(names = {"-e", "--ecosystem"}, required = true, description = "deb, apk, rpm, maven, pypi, semver (npm, cargo), go, gem, composer or nuget.")
    String ecosystem;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "--batch", description = "Compare the pairs read from standard input.")
        boolean batch;

        @Option(names = "--sort", description = "Sort the versions read from standard input.")
        boolean sort;
    }

    @Parameters(arity = "0..2", paramLabel = "VERSION", description = "The two versions to compare.")
    List<String> versions = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        VersionComparator comparator;
        try {
            comparator = Ecosystem.parse(ecosystem).comparator();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        if (mode.batch || mode.sort) {
            if (!versions.isEmpty()) {
                throw new InvalidInputException("--batch and --sort read standard input; give no versions");
            }
            return mode.batch ? batch(comparator) : sort(comparator);
        }
        if (versions.size() != 2) {
            throw new InvalidInputException("give two versions, or --batch or --sort");
        }
        spec.commandLine().getOut().println(operator(compare(comparator, versions.get(0), versions.get(1), "")));
        return ExitCodes.OK;
    }

    private int batch(VersionComparator comparator) throws IOException {
        int status = ExitCodes.OK;
        BoundedLineReader in = stdin();
        Writer out = stdout();
        while (true) {
            try {
                String line = in.next();
                if (line == null) {
                    break;
                }
                String[] pair = line.strip().split("\\s+");
                if (pair.length == 1 && pair[0].isEmpty()) {
                    continue;
                }
                if (pair.length != 2) {
                    throw new InvalidInputException("expected two versions, found %d".formatted(pair.length));
                }
                out.write(operator(compare(comparator, pair[0], pair[1], "line %d: ".formatted(in.lineNumber()))));
            } catch (InvalidInputException e) {
                out.write('?');
                spec.commandLine().getErr().println("bulwark: line %d: %s".formatted(in.lineNumber(),
                        e.getMessage()));
                status = ExitCodes.INVALID_INPUT;
            }
            out.write('\n');
        }
        out.flush();
        return status;
    }

    private int sort(VersionComparator comparator) throws IOException {
        List<String> all = new ArrayList<>();
        BoundedLineReader in = stdin();
        String line;
        while ((line = nextLine(in)) != null) {
            String v = line.strip();
            if (v.isEmpty()) {
                continue;
            }
            if (all.size() == MAX_SORT_LINES) {
                throw new InvalidInputException("more than %d versions to sort".formatted(MAX_SORT_LINES));
            }
            try {
                comparator.validate(v);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("line %d: %s".formatted(in.lineNumber(), e.getMessage()), e);
            }
            noteDefect(comparator, v, "line %d: ".formatted(in.lineNumber()));
            all.add(v);
        }
        all.sort(comparator);
        Writer out = stdout();
        for (String v : all) {
            out.write(v);
            out.write('\n');
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String nextLine(BoundedLineReader in) throws IOException {
        try {
            return in.next();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("line %d: %s".formatted(in.lineNumber(), e.getMessage()), e);
        }
    }

    private int compare(VersionComparator comparator, String a, String b, String where) {
        int result;
        try {
            result = comparator.compare(a, b);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        noteDefect(comparator, a, where);
        noteDefect(comparator, b, where);
        return result;
    }

    private void noteDefect(VersionComparator comparator, String version, String where) {
        comparator.defect(version).ifPresent(defect -> spec.commandLine().getErr().println(
                "bulwark: %snote: %s version '%s' is malformed (%s), compared as its tool does".formatted(where,
                        comparator.ecosystem().id(), version, defect)));
    }

    private static String operator(int result) {
        return result < 0 ? "<" : result > 0 ? ">" : "=";
    }

    private static BoundedLineReader stdin() {
        return new BoundedLineReader(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8),
                1 << 16), MAX_LINE_CHARS);
    }

    private Writer stdout() {
        return new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
    }
}
