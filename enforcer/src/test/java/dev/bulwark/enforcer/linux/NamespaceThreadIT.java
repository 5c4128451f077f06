package dev.bulwark.enforcer.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.enforcer.testing.TestBridge;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NamespaceThreadIT {

    private static final Path OWN_THREADS_NAMESPACE = Path.of("/proc/thread-self/ns/net");
    private static final Path DEFAULT_TTL = Path.of("/proc/sys/net/ipv4/ip_default_ttl");

    @Test
    void runsATaskInsideANamespaceOnAPlatformThreadAndComesBack() throws Exception {
        TestBridge.assumeAvailable();
        try (TestBridge bridge = TestBridge.create(); NamespaceThread thread = new NamespaceThread()) {
            TestBridge.Namespace ns = bridge.namespace();
            NetNamespace namespace = NetNamespace.at(ns.path());
            String hostTtl = Files.readString(DEFAULT_TTL).strip();

            long inside = thread.call(namespace, () -> {
                assertThat(Thread.currentThread().isVirtual()).isFalse();
                Files.writeString(DEFAULT_TTL, "77");
                return NetNamespace.at(OWN_THREADS_NAMESPACE).inode();
            });
            long after = thread.call(NetNamespace.host(), () -> NetNamespace.at(OWN_THREADS_NAMESPACE).inode());

            assertThat(inside).isEqualTo(namespace.inode());
            assertThat(namespace.isHost()).isFalse();
            assertThat(after).isEqualTo(NetNamespace.host().inode());
            assertThat(ns.run("cat", DEFAULT_TTL.toString()).stdout().strip()).isEqualTo("77");
            assertThat(Files.readString(DEFAULT_TTL).strip()).isEqualTo(hostTtl);
            assertThatThrownBy(() -> thread.call(namespace, () -> {
                throw new IllegalArgumentException("the task's own");
            })).isInstanceOf(IllegalArgumentException.class);
            assertThat(thread.call(namespace, () -> NetNamespace.at(OWN_THREADS_NAMESPACE)))
                    .as("still usable after a task failed").isEqualTo(namespace);
        }
    }

    @Test
    void aNamespaceGoneBeforeSetupIsSaidSo() throws Exception {
        TestBridge.assumeAvailable();
        try (TestBridge bridge = TestBridge.create(); NamespaceThread thread = new NamespaceThread()) {
            TestBridge.Namespace ns = bridge.namespace();
            NetNamespace namespace = NetNamespace.at(ns.path());
            new ProcessBuilder("/usr/sbin/ip", "netns", "delete", ns.name()).inheritIO().start().waitFor();

            assertThat(namespace.present()).isFalse();
            assertThatThrownBy(() -> thread.call(namespace, () -> "never run"))
                    .isInstanceOf(NamespaceGoneException.class).hasMessageContaining(ns.name());
            assertThatThrownBy(() -> NetNamespace.ofPid(Integer.MAX_VALUE))
                    .isInstanceOf(NamespaceGoneException.class);
            assertThat(thread.call(NetNamespace.host(), () -> "still works")).isEqualTo("still works");
        }
    }
}
