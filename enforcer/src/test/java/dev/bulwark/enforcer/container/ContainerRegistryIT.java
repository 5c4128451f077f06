package dev.bulwark.enforcer.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.enforcer.testing.RuncContainer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery of a container that runc really runs on this machine. */
class ContainerRegistryIT {

    @TempDir
    Path dir;

    @BeforeEach
    void needsRunc() {
        RuncContainer.assumeAvailable();
    }

    @Test
    void mapsTheInitPidOfARuncContainerToItUntilItIsGone() throws IOException {
        var registry = new ContainerRegistry(NodePaths.host());
        String id;
        try (RuncContainer runc = RuncContainer.builder(dir).args("sleep", "30").start()) {
            id = runc.id();
            int pid = runc.pid();

            Container c = registry.containerOf(pid).orElseThrow();

            assertThat(c.id()).isEqualTo(id);
            assertThat(c.runtime()).isEqualTo(ContainerRuntime.RUNC);
            assertThat(c.name()).isEqualTo(id);
            assertThat(c.pid()).isEqualTo(pid);
            assertThat(c.rootfs()).isEqualTo(runc.rootfs().toRealPath().toString());
            assertThat(c.labels()).containsEntry("bundle", runc.bundle().toRealPath().toString());
            assertThat(c.pod()).isEqualTo(Container.Pod.NONE);
            assertThat(GroupNames.of(c)).isEqualTo("nv." + id);
            assertThat(registry.containerOf((int) ProcessHandle.current().pid())).as("this test's JVM").isEmpty();
            assertThat(registry.sweep()).isEmpty();
        }
        assertThat(registry.sweep()).containsExactly(id);
    }
}
