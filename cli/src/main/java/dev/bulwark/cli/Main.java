package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code bulwark} executable. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line and returns the exit code; used by tests too. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new BulwarkCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            return report(e, debug, commandLine.getErr());
        });
        return cli.execute(args);
    }

    private static int report(Exception e, boolean debug, PrintWriter err) {
        if (e instanceof InvalidInputException) {
            err.println("bulwark: " + e.getMessage());
        } else {
            err.println("bulwark: internal error: " + e);
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
