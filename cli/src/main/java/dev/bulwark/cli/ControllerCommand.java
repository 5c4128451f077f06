package dev.bulwark.cli;

import dev.bulwark.controller.Controller;
import dev.bulwark.controller.admission.WebhookServer;
import dev.bulwark.controller.store.EmbeddedStore;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.link.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark controller}: serves NeuVector's REST API over HTTPS until stopped. */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = {"Run the controller: NeuVector's REST API (/v1/...) over HTTPS, with its own durable store.",
                "On first start it creates the internal CA and the 'admin' user; the admin password comes from",
                "--admin-password, else BULWARK_ADMIN_PASSWORD, else it is generated and printed once."},
        footer = {"%nData directory: --data-dir, else $BULWARK_DATA_DIR, else $XDG_DATA_HOME/bulwark/controller",
                "(~/.local/share/bulwark/controller), readable by its owner only: the store (store/) and TLS material",
                "(tls/ca.pem is the CA to trust).",
                "%n" + ExitCodes.HELP})
final class ControllerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the store and TLS material live.")
    Path dataDir;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "10443", description = "HTTPS port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--link-port", defaultValue = "" + Ports.CONTROLLER, description = "Port of the link where"
            + " enforcers join and connect, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int linkPort;

    @Option(names = "--admission-port", defaultValue = "" + WebhookServer.PORT, description = "Port of the"
            + " admission webhook the Kubernetes API server calls (bulwark admission webhook-config), 0 for any free"
            + " one (default: ${DEFAULT-VALUE}).")
    int admissionPort;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Server certificate chain, instead of the internal CA's.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key of --tls-cert (PKCS#8 or traditional PEM).")
    Path tlsKey;

    @Option(names = "--admin-password", description = "Password of 'admin' on first start (prefer BULWARK_ADMIN_PASSWORD).")
    String adminPassword;

    @Option(names = "--cluster-name", defaultValue = "cluster.local", description = "Name shown in events (default: ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(names = "--repair-store", description = {"Repair a store whose log is damaged in its middle (the "
            + "controller refuses to start and says so): keep a copy of the log, cut it before the damage, and exit.",
            "What came after the damage is lost from the store; the copy keeps it."})
    boolean repairStore;

    @Override
    public Integer call() throws InterruptedException {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new InvalidInputException("--tls-cert and --tls-key go together");
        }
        if (tlsCert != null && (!Files.isReadable(tlsCert) || !Files.isReadable(tlsKey))) {
            throw new InvalidInputException("cannot read --tls-cert or --tls-key");
        }
        if (port < 0 || port > 65535 || linkPort < 0 || linkPort > 65535 || admissionPort < 0
                || admissionPort > 65535) {
            throw new InvalidInputException("--port, --link-port and --admission-port are 0 to 65535");
        }
        Path data = dataDir != null ? dataDir : DbLocations.system().controllerData();
        if (repairStore) {
            spec.commandLine().getOut().println("bulwark controller: " + EmbeddedStore.repair(data.resolve("store")));
            return ExitCodes.OK;
        }
        String password = adminPassword != null ? adminPassword : System.getenv("BULWARK_ADMIN_PASSWORD");
        Controller controller = Controller.start(new Controller.Settings(data, host, port,
                tlsCert == null ? Optional.empty() : Optional.of(new Path[] {tlsCert, tlsKey}),
                Optional.ofNullable(password), clusterName, linkPort, admissionPort), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            controller.close();
            stopped.countDown();
        }));
        spec.commandLine().getOut().printf("bulwark controller: serving https://%s:%d/v1 (data in %s; CA %s)%n",
                host, controller.port(), data, data.resolve("tls").resolve("ca.pem"));
        spec.commandLine().getOut().printf("bulwark controller: enforcers join at %s:%d (bulwark enforcer-token"
                + " create)%n", host, controller.linkPort());
        spec.commandLine().getOut().printf("bulwark controller: admission webhook at https://%s:%d/v1/validate/"
                + " (bulwark admission webhook-config)%n", host, controller.admissionPort());
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
