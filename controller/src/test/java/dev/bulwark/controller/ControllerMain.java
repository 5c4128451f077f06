package dev.bulwark.controller;

import java.nio.file.Path;
import java.util.Optional;

/** Run by {@link KillNineTest} in a child JVM: a controller on an ephemeral port, printed once it serves. */
public final class ControllerMain {

    private ControllerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Controller c = Controller.start(new Controller.Settings(Path.of(args[0]), "127.0.0.1", 0, Optional.empty(),
                Optional.of(ControllerFixture.ADMIN_PASSWORD), "kill-test"), System.err);
        System.out.println("port " + c.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
