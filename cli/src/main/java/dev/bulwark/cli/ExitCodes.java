package dev.bulwark.cli;

/** The exit codes every command documents in {@code --help}. */
final class ExitCodes {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int INVALID_INPUT = 2;

    static final String HELP = """
            Exit codes:
              0  success
              1  failure inside bulwark (a bug or an environment problem: see --debug)
              2  unusable input: bad arguments, unreadable or corrupt image, registry refusal""";

    private ExitCodes() {}
}
