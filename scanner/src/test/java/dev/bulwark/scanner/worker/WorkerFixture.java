package dev.bulwark.scanner.worker;

import dev.bulwark.controller.Controller;
import dev.bulwark.core.testing.Patience;
import dev.bulwark.core.testing.Rest;
import dev.bulwark.link.Role;
import dev.bulwark.scanner.service.RepositoryScanner;
import dev.bulwark.scanner.source.RegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real registry that skopeo pushed alpine 3.11 to, a {@link HoldingProxy} before it, a real controller on
 * 127.0.0.1, a scanner worker in this process joined to it, and an admin's REST session.
 */
record WorkerFixture(RegistryServer registry, HoldingProxy proxy, Controller controller, ScanWorker scanner,
        Rest rest) implements AutoCloseable {

    static final String PASSWORD = "Adm1n-pass!word";

    /**
     * Starts them all, the controller's data in {@code dir/controller}, and waits until the scanner is connected.
     *
     * @param images where alpine is pushed, {@code REPOSITORY:TAG}
     */
    static WorkerFixture start(Path dir, RegistryServer.Auth auth, RepositoryScanner repositoryScanner,
            String... images) throws Exception {
        RegistryServer registry = RegistryServer.withAlpine(dir, auth, images);
        HoldingProxy proxy = new HoldingProxy(registry.host());
        Controller controller = Controller.start(new Controller.Settings(dir.resolve("controller"), "127.0.0.1", 0,
                Optional.empty(), Optional.of(PASSWORD), "test"), new PrintStream(new ByteArrayOutputStream()));
        ScanWorker scanner = new ScanWorker(new ScanWorker.Settings("127.0.0.1:" + controller.linkPort(),
                controller.runtime().enrollments().issueLocal(Role.SCANNER, "test"), 2, "test"), repositoryScanner,
                Optional.empty());
        Patience.await(scanner::connected, () -> "the scanner connected");
        return new WorkerFixture(registry, proxy, controller, scanner, Rest.login(controller.port(),
                dir.resolve("controller/tls/ca.pem"), "admin", PASSWORD));
    }

    @Override
    public void close() {
        scanner.close();
        controller.close();
        proxy.close();
        registry.close();
    }
}
