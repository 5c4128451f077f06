package dev.bulwark.enforcer.process;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a command line asks a program to run, for the programs that run other code: the dynamic loader run by hand
 * ({@code ld-linux.so PROGRAM}), script interpreters ({@code sh FILE}, {@code python3 FILE}, or the script on
 * standard input), and multi-call binaries, which act as the applet their argv[0] names.
 */
final class CommandLines {

    private static final Set<String> MULTI_CALL = Set.of("busybox", "toybox");
    private static final Set<String> SHELLS = Set.of("sh", "ash", "bash", "dash", "zsh", "ksh", "mksh", "hush");
    private static final List<String> INTERPRETER_PREFIXES = List.of("python", "perl", "ruby", "node", "php", "lua",
            "tclsh", "pwsh");
    /** Options of the interpreters other than shells after which the code to run is inline, not in a file. */
    private static final Set<String> INLINE_CODE = Set.of("-c", "-e", "-E", "-m", "-r", "-p", "--eval", "--print",
            "-Command", "-EncodedCommand");
    /** Clustered single-letter flags, such as {@code -ec}: with a {@code c}, the code is inline. */
    private static final Pattern SHELL_FLAGS = Pattern.compile("-[a-zA-Z]+");
    /** Options that take the next argument as their value. */
    private static final Set<String> WITH_VALUE = Set.of("-o", "+o", "-O", "+O", "-W", "-X", "-I", "-M",
            "--rcfile", "--init-file", "-r", "--require");
    /** The loader's options that take a value, and of those the ones that load more code. */
    private static final Set<String> LOADER_WITH_VALUE = Set.of("--library-path", "--inhibit-rpath", "--audit",
            "--preload", "--argv0", "--glibc-hwcaps-prefer", "--glibc-hwcaps-mask");
    static final Set<String> LOADER_LOADS_CODE = Set.of("--library-path", "--audit", "--preload");

    private CommandLines() {}

    /**
     * The name a program acts as: the base name of its executable, or for a multi-call binary the applet its
     * argv[0] (or, run as itself, its first argument) names.
     */
    static String actingAs(String executable, List<String> argv) {
        String name = base(executable);
        if (!MULTI_CALL.contains(name) || argv.isEmpty()) {
            return name;
        }
        String applet = base(argv.getFirst());
        return MULTI_CALL.contains(applet) && argv.size() > 1 ? base(argv.get(1)) : applet;
    }

    static boolean shell(String name) {
        return SHELLS.contains(name);
    }

    static boolean interpreter(String name) {
        return SHELLS.contains(name) || INTERPRETER_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /**
     * The script file an interpreter's command line names: its first operand, {@code "-"} for standard input when
     * there is no operand, empty when the code is given inline ({@code sh -c ...}, {@code perl -e ...}).
     *
     * @param name the interpreter, as {@link #actingAs} names it
     */
    static Optional<String> script(String name, List<String> argv) {
        boolean shell = shell(name);
        int i = argv.size() > 1 && MULTI_CALL.contains(base(argv.getFirst())) ? 2 : 1;
        for (; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                return Optional.of(i + 1 < argv.size() ? argv.get(i + 1) : "-");
            }
            if (shell ? SHELL_FLAGS.matcher(a).matches() && a.indexOf('c') > 0 : INLINE_CODE.contains(a)) {
                return Optional.empty();
            }
            if (WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-") && !a.startsWith("+") || a.equals("-")) {
                return Optional.of(a);
            }
        }
        return Optional.of("-");
    }

    /**
     * What the dynamic loader, run by hand, is asked to run: the program, and whether it is also told to load
     * other code ({@code --preload}, {@code --audit}, {@code --library-path}); empty when no program is named.
     */
    static Optional<LoaderRun> loaderRun(List<String> argv) {
        boolean moreCode = false;
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (a.equals("--")) {
                return i + 1 < argv.size() ? Optional.of(new LoaderRun(argv.get(i + 1), moreCode)) : Optional.empty();
            }
            if (!a.startsWith("--")) {
                return Optional.of(new LoaderRun(a, moreCode));
            }
            moreCode |= LOADER_LOADS_CODE.contains(option);
            if (LOADER_WITH_VALUE.contains(option) && !a.contains("=")) {
                i++;
            }
        }
        return Optional.empty();
    }

    /** @param program the program the loader runs; @param moreCode told to load other code too */
    record LoaderRun(String program, boolean moreCode) {}

    static String base(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
