package dev.bulwark.cli;

import dev.bulwark.controller.Controller;
import dev.bulwark.controller.admission.WebhookServer;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.enforcer.Enforcer;
import dev.bulwark.enforcer.policy.Mode;
import dev.bulwark.link.Identity;
import dev.bulwark.link.Ports;
import dev.bulwark.link.Role;
import dev.bulwark.scanner.LayerCache;
import dev.bulwark.scanner.worker.ScanWorker;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark allinone}: the controller, a scanner and this node's enforcer in one process, as NeuVector's
 * all-in-one.
 */
@Command(name = "allinone", mixinStandardHelpOptions = true,
        description = {"Run the controller, a scanner, this node's enforcer and the web console in one process.",
                "The controller serves the REST API on --port and the link on --link-port, where a scanner joins",
                "it without a token; as root, an enforcer for this node joins it too. Without root the enforcer does",
                "not run, and it says why. The console (the manager) listens on --manager-port with a certificate",
                "of the controller's CA."},
        footer = {"%nData directory: --data-dir, else $BULWARK_DATA_DIR, else ~/.local/share/bulwark: controller/,",
                "scanner/ and enforcer/ below it. The scanner's database is $BULWARK_DB, else",
                "~/.local/share/bulwark/vulndb.bwdb (signed by a trusted key). The admin password comes from",
                "--admin-password, else",
                "BULWARK_ADMIN_PASSWORD, else it is generated and printed once.",
                "%n" + ExitCodes.HELP})
final class AllInOneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the controller and the enforcer keep"
            + " their data.")
    Path dataDir;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "10443", description = "HTTPS port of the REST API (default: "
            + "${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--link-port", defaultValue = "" + Ports.CONTROLLER, description = "Where enforcers of other"
            + " nodes join (default: ${DEFAULT-VALUE}).")
    int linkPort;

    @Option(names = "--admission-port", defaultValue = "" + WebhookServer.PORT, description = "Port of the"
            + " admission webhook the Kubernetes API server calls (default: ${DEFAULT-VALUE}).")
    int admissionPort;

    @Option(names = "--manager-port", defaultValue = "8443", description = "HTTPS port of the web console, 0 not to"
            + " run it (default: ${DEFAULT-VALUE}).")
    int managerPort;

    @Option(names = "--eula", paramLabel = "FILE", description = "Text of the license agreement the console shows"
            + " at the first login.")
    Path eula;

    @Option(names = "--admin-password", description = "Password of 'admin' on first start (prefer "
            + "BULWARK_ADMIN_PASSWORD).")
    String adminPassword;

    @Option(names = "--default-mode", defaultValue = "Discover", description = "Mode of groups before the controller"
            + " says: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Mode defaultMode;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535 || linkPort < 0 || linkPort > 65535 || admissionPort < 0
                || admissionPort > 65535 || managerPort < 0 || managerPort > 65535) {
            throw new InvalidInputException("--port, --link-port, --admission-port and --manager-port are 0 to 65535");
        }
        if (eula != null && !Files.isReadable(eula)) {
            throw new InvalidInputException("cannot read --eula " + eula);
        }
        Path data = dataDir != null ? dataDir : DbLocations.system().enforcerData().getParent();
        String password = adminPassword != null ? adminPassword : System.getenv("BULWARK_ADMIN_PASSWORD");
        Controller controller = Controller.start(new Controller.Settings(data.resolve("controller"), host, port,
                Optional.empty(), Optional.ofNullable(password), "cluster.local", linkPort, admissionPort), System.out);
        Optional<Enforcer> enforcer = Optional.empty();
        String why = "";
        if (!root()) {
            why = "the enforcer needs root (fanotify and the process connector); the controller runs alone";
        } else {
            try {
                enforcer = Optional.of(startEnforcer(controller, data.resolve("enforcer")));
            } catch (RuntimeException e) {
                why = "the enforcer did not start (" + Main.describe(e) + "); the controller runs alone";
            }
        }
        Optional<ScanWorker> scanner = Optional.empty();
        String noScanner = "";
        try {
            scanner = Optional.of(startScanner(controller, data.resolve("scanner")));
        } catch (RuntimeException | IOException e) {
            noScanner = "the scanner did not start (" + Main.describe(e) + "); scanners of other nodes may join";
        }
        ConsoleServer console = ConsoleServer.start(controller, data.resolve("controller/tls"), host, managerPort,
                Optional.ofNullable(eula));
        Optional<Enforcer> started = enforcer;
        Optional<ScanWorker> scanning = scanner;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            started.ifPresent(Enforcer::close);
            scanning.ifPresent(ScanWorker::close);
            controller.close();
            stopped.countDown();
        }));
        var out = spec.commandLine().getOut();
        String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        out.printf("bulwark allinone: REST API https://%s:%d/v1 (CA %s)%n", shown, controller.port(),
                data.resolve("controller/tls/ca.pem"));
        out.printf("bulwark allinone: enforcers and scanners join at %s:%d (bulwark enforcer-token create)%n", shown,
                controller.linkPort());
        out.printf("bulwark allinone: admission webhook at https://%s:%d/v1/validate/ (bulwark admission"
                + " webhook-config)%n", shown, controller.admissionPort());
        out.println("bulwark allinone: " + (scanner.isPresent() ? "a scanner runs in this process (POST"
                + " /v1/scan/repository, bulwark scan --controller)" : noScanner));
        out.println(started.isPresent() ? "bulwark allinone: this node's enforcer " + (connected(started.get())
                ? "is connected to it" : "started, and is still connecting") : "bulwark allinone: " + why);
        out.println("bulwark allinone: " + console.line());
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** The node's enforcer with a certificate the controller issues it directly (kept for later starts). */
    private Enforcer startEnforcer(Controller controller, Path data) throws IOException {
        String node = InetAddress.getLocalHost().getHostName();
        Files.createDirectories(data);
        Identity identity = localIdentity(controller, Role.ENFORCER, data.resolve("link"));
        return Enforcer.start(new Enforcer.Settings(Optional.empty(), data, defaultMode, Optional.empty(), 1000, node,
                Optional.empty(), Optional.of(new Enforcer.Link("127.0.0.1:" + controller.linkPort(),
                        Optional.empty(), Optional.of(identity)))), Optional.empty());
    }

    /** The scanner in this process, with a certificate the controller issues it directly (kept for later starts). */
    private ScanWorker startScanner(Controller controller, Path data) throws IOException {
        Identity identity = localIdentity(controller, Role.SCANNER, data.resolve("link"));
        DbLocations locations = DbLocations.system();
        return Scanners.start("127.0.0.1:" + controller.linkPort(), identity, ScanWorker.DEFAULT_TASKS,
                LayerCache.DEFAULT_BYTES, locations.database(), locations.trust(java.util.List.of(), false), spec.commandLine().getErr());
    }

    /** The identity kept in {@code dir}, else one the controller issues directly, kept there for later starts. */
    private static Identity localIdentity(Controller controller, Role role, Path dir) throws IOException {
        Optional<Identity> kept = Identity.load(dir);
        if (kept.isPresent()) {
            return kept.get();
        }
        Identity issued = controller.runtime().enrollments().issueLocal(role, InetAddress.getLocalHost()
                .getHostName());
        issued.save(dir);
        return issued;
    }

    /** Waits a little for the enforcer's first session, so that what is printed is true. */
    private static boolean connected(Enforcer enforcer) throws InterruptedException {
        for (int i = 0; i < 100 && !enforcer.link().orElseThrow().connected(); i++) {
            Thread.sleep(100);
        }
        return enforcer.link().orElseThrow().connected();
    }

    private static boolean root() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
