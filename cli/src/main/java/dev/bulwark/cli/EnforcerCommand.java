package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.enforcer.Enforcer;
import dev.bulwark.enforcer.policy.Mode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark enforcer}: watches this node's containers and enforces their process profiles until stopped. */
@Command(name = "enforcer", mixinStandardHelpOptions = true,
        description = {"Run the enforcer on this node (as root): map processes to containers, learn each group's",
                "processes by name, path and user (Discover), report the rest (Monitor) or stop them (Protect), and",
                "report suspicious programs, reverse shells and escalation to root in every mode. Incidents go to",
                "stdout as JSON lines and, with --events, to a file."},
        footer = {"%nPolicy file (YAML or JSON):%n  groups:%n  - name: nv.web%n    mode: Protect        # Discover, "
                + "Monitor or Protect%n    baseline: zero-drift  # or basic%n    process:%n    - {name: nginx, path: "
                + "/usr/sbin/nginx, user: www-data, action: allow}",
                "%nLearned rules are kept in DATA/learned.json, so a restart keeps what was learned.",
                "%n" + ExitCodes.HELP})
final class EnforcerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--policy", paramLabel = "FILE", description = "Group policies: modes, baselines and process rules.")
    Path policy;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where learned profiles are kept (default: "
            + "$BULWARK_DATA_DIR/enforcer, else ~/.local/share/bulwark/enforcer).")
    Path dataDir;

    @Option(names = "--default-mode", defaultValue = "Discover", description = "Mode of groups the policy does not "
            + "name: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Mode defaultMode;

    @Option(names = "--events", paramLabel = "FILE", description = "Append incidents to this JSON-lines file.")
    Path events;

    @Option(names = "--quiet", description = "Do not print incidents on stdout.")
    boolean quiet;

    @Option(names = "--decision-deadline", paramLabel = "MS", defaultValue = "1000", description = "An exec waits at"
            + " most this long for a decision, then runs (default: ${DEFAULT-VALUE}).")
    long deadline;

    @Option(names = "--cri-socket", paramLabel = "PATH", description = "The Kubernetes runtime's CRI socket, asked "
            + "for each pod's labels (default: the first of /run/containerd/containerd.sock, "
            + "/run/k3s/containerd/containerd.sock and /run/crio/crio.sock there is).")
    Path criSocket;

    @Option(names = "--controller", paramLabel = "HOST:PORT", description = "Join this controller's link (port "
            + "18400) and answer to it: report the node, its containers and incidents, enforce the policy it pushes.")
    String controller;

    @Option(names = "--join-token", paramLabel = "TOKEN", description = "The token to join --controller with, once "
            + "(prefer BULWARK_JOIN_TOKEN); the node's certificate is kept in DATA/link/ after.")
    String joinToken;

    @Override
    public Integer call() throws Exception {
        if (policy != null && !Files.isReadable(policy)) {
            throw new InvalidInputException("cannot read --policy " + policy);
        }
        if (criSocket != null && !Files.exists(criSocket)) {
            throw new InvalidInputException("no CRI socket at --cri-socket " + criSocket);
        }
        if (deadline < 1 || deadline > 60_000) {
            throw new InvalidInputException("--decision-deadline must be 1 to 60000 ms");
        }
        Path data = dataDir != null ? dataDir : DbLocations.system().enforcerData();
        String token = joinToken != null ? joinToken : System.getenv("BULWARK_JOIN_TOKEN");
        if (controller == null && token != null && joinToken != null) {
            throw new InvalidInputException("--join-token needs --controller");
        }
        Optional<Enforcer.Link> link = Optional.ofNullable(controller).map(c -> new Enforcer.Link(c,
                Optional.ofNullable(token), Optional.empty()));
        Enforcer enforcer = Enforcer.start(new Enforcer.Settings(Optional.ofNullable(policy), data, defaultMode,
                Optional.ofNullable(events), deadline, InetAddress.getLocalHost().getHostName(),
                Optional.ofNullable(criSocket), link),
                quiet ? Optional.empty() : Optional.of(System.out));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            enforcer.close();
            Map<String, Long> c = enforcer.counters();
            System.err.printf("bulwark enforcer: stopped; %d processes judged, %d gone before they could be read, "
                    + "%d kernel buffer overflows, %d faults, %d exec and file decisions (%d allowed for lack of time), "
                    + "%d incidents (%d dropped: the output could not keep up)%n", c.get("execs"), c.get("missed"),
                    c.get("lost"), c.get("errors"), c.get("decisions"), c.get("failsafe"), c.get("incidents"),
                    c.get("incidents_dropped"));
        }));
        System.err.printf("bulwark enforcer: watching processes (default mode %s, learned profiles in %s, %s%s)%n",
                defaultMode, data, enforcer.criSocket().map(p -> "pods described by the CRI socket " + p)
                        .orElse("no CRI socket"), controller == null ? "" : "; answering to the controller at "
                        + controller);
        // runs until a signal stops the JVM (the hook above closes the enforcer), or until it cannot watch any more
        String why = enforcer.failure().join();
        System.err.printf("bulwark enforcer: %s; exiting, so that its supervisor can restart it%n", why);
        return ExitCodes.FAILURE;
    }
}
