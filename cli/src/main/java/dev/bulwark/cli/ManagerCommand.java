package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.manager.Manager;
import dev.bulwark.manager.ServerIdentity;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark manager}: serves the web console over HTTPS and passes its API calls to a controller. */
@Command(name = "manager", mixinStandardHelpOptions = true,
        description = {"Run the manager: the web console over HTTPS, passing its /v1 calls to the controller at",
                "--controller (the only place it connects to)."},
        footer = {"%nWithout --tls-cert the manager makes a CA of its own and a certificate under DIR/manager/tls",
                "(ca.pem is the CA to trust), DIR being --data-dir, else $BULWARK_DATA_DIR, else",
                "~/.local/share/bulwark.",
                "%n" + ExitCodes.HELP})
final class ManagerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--controller", required = true, paramLabel = "URL", description = "The controller's REST API,"
            + " https://HOST:PORT.")
    String controller;

    @Option(names = "--controller-ca", paramLabel = "PEM", description = "CA certificate(s) the controller's"
            + " certificate is checked against (its tls/ca.pem); else the system's trusted CAs.")
    Path controllerCa;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8443", description = "HTTPS port of the console (default: "
            + "${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the manager keeps its TLS material.")
    Path dataDir;

    @Option(names = "--eula", paramLabel = "FILE", description = "Text of the license agreement the console shows"
            + " at the first login.")
    Path eula;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Server certificate chain, instead of the"
            + " manager's own CA's.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key of --tls-cert.")
    Path tlsKey;

    @Override
    public Integer call() throws InterruptedException {
        URI target = controllerUrl(controller);
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("--port is 0 to 65535");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new InvalidInputException("--tls-cert and --tls-key go together");
        }
        for (Path file : new Path[] {controllerCa, eula, tlsCert, tlsKey}) {
            if (file != null && !Files.isReadable(file)) {
                throw new InvalidInputException("cannot read " + file);
            }
        }
        Path tls = (dataDir != null ? dataDir : DbLocations.system().dataRoot()).resolve("manager").resolve("tls");
        KeyStore identity;
        try {
            identity = tlsCert != null ? ServerIdentity.fromPem(tlsCert, tlsKey) : ServerIdentity.ownCa(tls);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        Manager manager;
        try {
            manager = Manager.start(new Manager.Settings(target, Optional.ofNullable(controllerCa), host, port,
                    identity, Optional.ofNullable(eula)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            manager.close();
            stopped.countDown();
        }));
        var out = spec.commandLine().getOut();
        out.printf("bulwark manager: console https://%s:%d/ (%s), passing /v1 to %s%n", shown(host), manager.port(),
                tlsCert != null ? "certificate " + tlsCert : "CA " + tls.resolve("ca.pem"), target);
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    /** The host to show in a URL: a wildcard address is reachable at the loopback one. */
    static String shown(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]"
                : host;
    }

    /** The controller's URL: https, a host, a port or none, nothing else. */
    static URI controllerUrl(String url) {
        try {
            URI uri = new URI(url);
            Manager.Settings.checkController(uri);
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new InvalidInputException("--controller must be https://HOST[:PORT]: " + e.getMessage());
        }
    }
}
