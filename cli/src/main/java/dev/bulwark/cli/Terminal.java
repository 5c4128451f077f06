package dev.bulwark.cli;

/** Whether standard error is a terminal a person watches, so progress is worth drawing. */
final class Terminal {

    private Terminal() {}

    static boolean isInteractive() {
        var console = System.console();
        return console != null && console.isTerminal();
    }
}
