package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.event.Incident;
import dev.bulwark.enforcer.linux.Fanotify;
import dev.bulwark.enforcer.linux.FileId;
import dev.bulwark.enforcer.policy.GroupPolicy;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.enforcer.policy.Policies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * Answers fanotify's exec permission events of containers, before the program runs. Every decision is about the
 * very file being executed (the event's descriptor), never a path looked up again. In Protect a program runs when
 * a rule of its group allows its path, or (zero-drift) when it came unchanged with the image; any other is
 * refused, and the caller sees "Operation not permitted". Programs that run other code are judged by what they are
 * told to run: the dynamic loader run by hand by its program, a script interpreter by its script file (an argument
 * or standard input), a dynamic program by the libraries its environment preloads; that is reported in Monitor
 * too. Every exec allowed is remembered by pid, since the
 * kernel holds the exec until the answer: the process monitor finds it there even when the process is gone before
 * {@code /proc} could be read. Only containers in Protect are ever refused.
 */
public final class ExecGate implements Fanotify.Handler {

    /** The dynamic loader's names, for a loader the baseline does not know as one. */
    private static final Pattern LOADER = Pattern.compile("ld-[^/]*\\.so(\\.[0-9]+)*|ld(64)?\\.so(\\.[0-9]+)*");

    /** Execs remembered: far more than can start between an exec and its netlink event. */
    private static final int RECENT = 4096;

    private final Path proc;
    private final IntFunction<Workload> workloads;
    private final Policies policies;
    private final ImageBaseline.Source baselines;
    private final Duration baselineWait;
    private final Consumer<Incident> incidents;
    private final String hostName;
    private final Map<Integer, Exec> recent = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Exec> eldest) {
            return size() > RECENT;
        }
    });

    /**
     * @param baselineWait how long a decision waits for the baseline of a container just seen before it gives up
     *     (and its deadline allows, loudly)
     */
    public ExecGate(Path proc, IntFunction<Workload> workloads, Policies policies, ImageBaseline.Source baselines,
            Duration baselineWait, Consumer<Incident> incidents, String hostName) {
        this.proc = proc;
        this.workloads = workloads;
        this.policies = policies;
        this.baselines = baselines;
        this.baselineWait = baselineWait;
        this.incidents = incidents;
        this.hostName = hostName;
    }

    @Override
    public boolean allow(Fanotify.Event event) {
        return !event.isPermission() || decide(event.pid(), event.path().toString(), event.file());
    }

    private boolean decide(int pid, String path, FileId file) {
        Workload w = workloads.apply(pid);
        if (w.host()) {
            return true;
        }
        GroupPolicy policy = policies.of(w.group());
        if (policy.mode() == Mode.Discover) {
            recent.put(pid, new Exec(path, w, false));
            return true;
        }
        Optional<ImageBaseline> baseline = baselines.of(w, baselineWait);
        boolean original = baseline.map(b -> b.original(file)).orElse(false);
        PendingExec pending = new PendingExec(proc, pid);
        boolean loaderFile = baseline.map(b -> b.loader(file)).orElse(false)
                || LOADER.matcher(CommandLines.base(path)).matches();
        Optional<PendingExec.Role> known = pending.role(); // unknown where the kernel's stack cannot be read
        PendingExec.Role role = known.orElse(loaderFile ? PendingExec.Role.ELF_INTERPRETER : PendingExec.Role.PROGRAM);
        if (role != PendingExec.Role.PROGRAM) { // an interpreter the kernel loads for the program just judged
            return judge(w, policy, pid, path, original, true) && (known.isEmpty()
                    || role == PendingExec.Role.SCRIPT_INTERPRETER || judgePreloads(w, policy, pid, baseline, pending));
        }
        boolean allowed = judge(w, policy, pid, path, original, false) && (loaderFile
                ? judgeLoaderRun(w, policy, pid, path, baseline, pending)
                : judgeScript(w, policy, pid, path, baseline, pending));
        if (allowed) {
            recent.put(pid, new Exec(path, w, original));
        }
        return allowed;
    }

    /** A program (or its interpreter) by its own file: in Protect, a rule or the image must allow it. */
    private boolean judge(Workload w, GroupPolicy policy, int pid, String path, boolean original, boolean loaded) {
        boolean allowed = !policy.profile().deniesPath(path) && (policy.profile().allowsPath(path)
                || original && (policy.zeroDrift() || loaded));
        if (!allowed && policy.mode() == Mode.Protect) {
            refuse(w, pid, path, (loaded ? "interpreter refused: " : "executable refused: ")
                    + "not allowed by the profile of " + w.group()
                    + (policy.zeroDrift() ? " and not part of the image" : ""));
        }
        return allowed || policy.mode() != Mode.Protect;
    }

    /** The dynamic loader run by hand: judged by the program it is told to run, and by any other code it loads. */
    private boolean judgeLoaderRun(Workload w, GroupPolicy policy, int pid, String loader,
            Optional<ImageBaseline> baseline, PendingExec pending) {
        Optional<List<String>> argv = pending.arguments();
        Optional<CommandLines.LoaderRun> run = argv.flatMap(CommandLines::loaderRun);
        String problem;
        if (run.isEmpty()) {
            if (argv.isPresent()) {
                return true; // the loader's own help or version: it runs nothing
            }
            problem = "the dynamic loader was run with arguments that could not be read";
        } else if (run.get().moreCode()) {
            problem = "the dynamic loader was told to load more code (" + String.join(" ", argv.get()) + ")";
        } else {
            String program = run.get().program();
            boolean original = pending.fileNamed(program).map(f -> baseline.map(b -> b.original(f)).orElse(false))
                    .orElse(false);
            if (!policy.profile().deniesPath(program) && (policy.profile().allowsPath(program)
                    || original && policy.zeroDrift())) {
                return true;
            }
            problem = "the dynamic loader was told to run " + program + ", which "
                    + (original ? "the profile of " + w.group() + " does not allow" : "is not part of the image");
        }
        return verdict(w, policy, pid, loader, problem);
    }

    /**
     * A dynamic program's environment: the libraries {@code LD_PRELOAD} and {@code LD_AUDIT} make the loader load
     * into it must be the image's (a bare library name is looked up in the image's library directories).
     */
    private boolean judgePreloads(Workload w, GroupPolicy policy, int pid, Optional<ImageBaseline> baseline,
            PendingExec pending) {
        String program = pending.fileName().orElse(""); // the gate's record of it the monitor may have taken
        Optional<List<String>> variables = pending.environment("LD_");
        if (variables.isEmpty()) {
            return verdict(w, policy, pid, program, "the environment of a dynamic program could not be read");
        }
        for (String variable : variables.get()) {
            if (!variable.startsWith("LD_PRELOAD=") && !variable.startsWith("LD_AUDIT=")) {
                continue;
            }
            for (String library : variable.substring(variable.indexOf('=') + 1).split("[: ]")) {
                if (library.contains("/") && !pending.fileNamed(library).map(f -> baseline.map(b -> b.original(f))
                        .orElse(false)).orElse(false)) {
                    return verdict(w, policy, pid, program, variable.substring(0, variable.indexOf('='))
                            + " names " + library + ", which is not part of the image");
                }
            }
        }
        return true;
    }

    /**
     * A script interpreter: judged by its script file (an argument, or its standard input) as well. Arguments that
     * cannot be read (it happens to ordinary execs now and then) leave the interpreter judged by its own file.
     */
    private boolean judgeScript(Workload w, GroupPolicy policy, int pid, String path,
            Optional<ImageBaseline> baseline, PendingExec pending) {
        String base = CommandLines.base(path);
        if (!CommandLines.interpreter(base) && !base.equals("busybox") && !base.equals("toybox")) {
            return true;
        }
        Optional<List<String>> argv = pending.arguments();
        if (argv.isEmpty()) {
            return true;
        }
        String name = CommandLines.actingAs(path, argv.get());
        if (!CommandLines.interpreter(name)) {
            return true;
        }
        Optional<String> script = CommandLines.script(name, argv.get());
        if (script.isEmpty()) {
            return true;
        }
        Optional<FileId> file = script.get().equals("-") ? pending.standardInput()
                : pending.fileNamed(script.get());
        if (file.isEmpty() || !file.get().regularFile() || baseline.map(b -> b.original(file.get())).orElse(false)
                || !script.get().equals("-") && policy.profile().allowsPath(script.get())) {
            return true; // a terminal or a pipe, nothing there, or the image's own script
        }
        return verdict(w, policy, pid, path, "script not part of the image run by " + name
                + (script.get().equals("-") ? " from its standard input" : ": " + script.get()));
    }

    /** Refuses in Protect, reports in Monitor. */
    private boolean verdict(Workload w, GroupPolicy policy, int pid, String path, String problem) {
        if (policy.mode() == Mode.Protect) {
            refuse(w, pid, path, problem);
            return false;
        }
        report(w, pid, path, Incident.VIOLATE, "Warning", problem);
        return true;
    }

    private void refuse(Workload w, int pid, String path, String message) {
        if (!Thread.currentThread().isInterrupted()) { // interrupted: given up on, already allowed
            report(w, pid, path, Incident.DENY, "Critical", message);
        }
    }

    private void report(Workload w, int pid, String file, String action, String level, String message) {
        incidents.accept(Incident.now(Incident.PROFILE_VIOLATION, level, hostName, w.subject(),
                Incident.Proc.running(pid, CommandLines.base(file), file), "", new Incident.Outcome(action, "",
                        message)));
    }

    /**
     * An exec as the gate saw it, before it ran: the program, whose it is, and whether it came with the image
     * unchanged (false when not judged, in Discover).
     */
    public record Exec(String path, Workload workload, boolean original) {}

    /**
     * The program the process last asked to run, if it was a container's and recent, forgotten once taken: the
     * next exec of the same process may be one the gate never sees (a memfd's), and must not be taken for this one.
     */
    public Optional<Exec> takeRecentExec(int pid) {
        return Optional.ofNullable(recent.remove(pid));
    }
}
