package dev.bulwark.manager;

import dev.bulwark.controller.api.ApiServer;
import dev.bulwark.controller.tls.InternalCa;
import dev.bulwark.manager.console.Asset;
import dev.bulwark.manager.console.ConsoleFiles;
import dev.bulwark.manager.console.ConsoleRoutes;
import dev.bulwark.manager.proxy.ControllerProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;

/** The manager's composition root: the console's files, the proxy to the controller and the HTTPS server. */
public final class Manager implements AutoCloseable {

    /** How long the controller may take to start answering a call (a backup or a registry test can be slow). */
    public static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(5);

    /**
     * @param controller the controller's REST API, {@code https://host:port}
     * @param controllerCa the CA certificates the controller's certificate is checked against; else the JDK's
     * @param keyStore the manager's own certificate and key (see {@link ServerIdentity})
     * @param eula the text served as {@code /eula.txt}
     */
    public record Settings(URI controller, Optional<Path> controllerCa, String host, int port, KeyStore keyStore,
            Optional<Path> eula, Duration answerTimeout) {

        public Settings(URI controller, Optional<Path> controllerCa, String host, int port, KeyStore keyStore,
                Optional<Path> eula) {
            this(controller, controllerCa, host, port, keyStore, eula, ANSWER_TIMEOUT);
        }

        public Settings {
            checkController(controller);
        }

        /** Refuses a controller URL that is not {@code https://HOST[:PORT]}. */
        public static void checkController(URI controller) {
            String path = controller.getRawPath();
            if (!"https".equalsIgnoreCase(controller.getScheme()) || controller.getHost() == null
                    || controller.getRawQuery() != null || controller.getRawFragment() != null
                    || controller.getRawUserInfo() != null || !(path == null || path.isEmpty() || path.equals("/"))) {
                throw new IllegalArgumentException("the controller's URL must be https://HOST[:PORT], not "
                        + controller);
            }
        }
    }

    private final ManagerServer server;

    private Manager(ManagerServer server) {
        this.server = server;
    }

    public static Manager start(Settings settings) {
        Optional<Asset> eula = settings.eula().map(Manager::eula);
        ControllerProxy proxy = new ControllerProxy(settings.controller(), ControllerTrust.of(settings.controllerCa()),
                settings.answerTimeout());
        ConsoleRoutes console = new ConsoleRoutes(ConsoleFiles.load(Manager.class.getClassLoader()), eula);
        return new Manager(ManagerServer.start(new ApiServer.Listen(settings.host(), settings.port(),
                settings.keyStore(), InternalCa.password()), console, proxy));
    }

    private static Asset eula(Path file) {
        try {
            return ConsoleFiles.asset("eula.txt", Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the EULA %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
