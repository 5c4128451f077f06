package dev.bulwark.controller;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test against a real controller over HTTPS: started on a fresh data directory before each test, with
 * {@code admin} logged in, and stopped after it. A subclass seeds what its tests share in a {@code @BeforeEach} of
 * its own, which runs after this one.
 */
public abstract class ControllerTest {

    @TempDir
    protected Path dir;

    protected ControllerFixture c;
    protected String admin;

    @BeforeEach
    void startController() {
        c = new ControllerFixture(dir);
        admin = c.login("admin", ControllerFixture.ADMIN_PASSWORD);
    }

    @AfterEach
    void stopController() {
        c.close();
    }
}
