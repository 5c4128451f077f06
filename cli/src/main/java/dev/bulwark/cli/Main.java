package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.layer.LayerReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bulwark} executable. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("scan") || args[0].equals("sbom"))) {
            Thread.setDefaultUncaughtExceptionHandler(Main::outOfMemory);
            Thread.ofPlatform().daemon().start(LayerReader::bindNativeLibraries);
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns the exit code; used by tests too. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new BulwarkCommand());
        // picocli builds the model of every registered command by reflection, a fifth of a second for all of them:
        // a command line that names its subcommand gets that one only.
        List<Class<?>> named = BulwarkCommand.SUBCOMMANDS.stream().filter(c -> args.length > 0
                && c.getAnnotation(Command.class).name().equals(args[0])).toList();
        (named.isEmpty() ? BulwarkCommand.SUBCOMMANDS : named).forEach(cli::addSubcommand);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            return report(e, debug, commandLine.getErr());
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("bulwark: " + describe(e));
            err.flush();
            return ExitCodes.FAILURE;
        }
    }

    /**
     * Out of memory on a thread of a scan's own (a layer's read-ahead, the secret search) ends the scan with one
     * line and exit 1, its temporary files removed by the shutdown hooks; anything else is printed as the JVM would.
     */
    private static void outOfMemory(Thread thread, Throwable e) {
        if (e instanceof OutOfMemoryError) {
            System.err.println("bulwark: " + describe(e));
            System.err.flush();
            System.exit(ExitCodes.FAILURE);
        }
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        e.printStackTrace();
    }

    /**
     * What failed, in words: the innermost cause, named by what it was about (a file, a host), without the class
     * names a user cannot act on; those are for {@code --debug}.
     */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        return switch (root) {
            case NoSuchFileException n -> "no such file: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case FileSystemException f -> "cannot use %s%s".formatted(f.getFile(), f.getReason() == null ? ""
                    : ": " + f.getReason());
            case UnknownHostException u -> "unknown host: " + message;
            case ConnectException c -> "cannot connect: " + message;
            case OutOfMemoryError o -> "out of memory (the heap is %d MB; BULWARK_SCAN_HEAP=2g gives a scan more)"
                    .formatted(Runtime.getRuntime().maxMemory() >> 20);
            default -> message.isEmpty() ? "failed unexpectedly (%s); this is a bug in Bulwark"
                    .formatted(root.getClass().getSimpleName()) : "failed: " + message;
        };
    }

    private static int report(Exception e, boolean debug, PrintWriter err) {
        if (e instanceof InvalidInputException) {
            err.println("bulwark: " + e.getMessage());
        } else {
            err.println("bulwark: " + describe(e));
        }
        if (debug) {
            e.printStackTrace(err);
        } else if (!(e instanceof InvalidInputException)) {
            err.println("bulwark: run again with --debug for details");
        }
        err.flush();
        return e instanceof InvalidInputException ? ExitCodes.INVALID_INPUT : ExitCodes.FAILURE;
    }
}
