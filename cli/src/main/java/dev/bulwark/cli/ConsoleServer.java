package dev.bulwark.cli;

import dev.bulwark.controller.Controller;
import dev.bulwark.manager.Manager;
import dev.bulwark.manager.ServerIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The all-in-one's web console: a manager in the controller's process, passing its calls to that controller, with
 * a certificate of the controller's CA (one CA for users to trust), and the line that tells where it listens.
 */
record ConsoleServer(Optional<Manager> manager, String line) implements AutoCloseable {

    /** The console on {@code port} (0: none); a console that cannot start is told in the line, not thrown. */
    static ConsoleServer start(Controller controller, Path controllerTls, String host, int port, Optional<Path> eula) {
        if (port == 0) {
            return new ConsoleServer(Optional.empty(), "no web console (--manager-port 0)");
        }
        String shown = ManagerCommand.shown(host);
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::");
        try {
            Set<String> names = new LinkedHashSet<>(List.of(InetAddress.getLocalHost().getHostName(), "localhost",
                    "127.0.0.1"));
            if (!wildcard) {
                names.add(host);
            }
            URI target = URI.create("https://%s:%d".formatted(wildcard ? "127.0.0.1" : shown, controller.port()));
            Manager manager = Manager.start(new Manager.Settings(target,
                    Optional.of(controllerTls.resolve("ca.pem")), host, port,
                    ServerIdentity.issuedBy(controllerTls, List.copyOf(names)), eula));
            return new ConsoleServer(Optional.of(manager), "console https://%s:%d/ (CA %s)".formatted(shown,
                    manager.port(), controllerTls.resolve("ca.pem")));
        } catch (RuntimeException | IOException e) {
            return new ConsoleServer(Optional.empty(), "the web console did not start (" + Main.describe(e) + ")");
        }
    }

    @Override
    public void close() {
        manager.ifPresent(Manager::close);
    }
}
