package dev.bulwark.enforcer.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Linux bridge on the host with an address of its own ({@code 10.X.Y.1/24}, a subnet picked at random) and
 * network namespaces plugged into it by veth pairs, each with the next address and a default route through the
 * bridge: what the CNI bridge plugin makes for a node's pods, made with {@code ip}. Namespaces are named
 * {@code bwt-…} and live under {@code /run/netns}; {@link #close()} deletes them and the bridge.
 *
 * <pre>{@code
 * try (TestBridge bridge = TestBridge.create()) {
 *     TestBridge.Namespace a = bridge.namespace();
 *     a.run("busybox", "ping", "-c", "1", bridge.hostAddress());
 * }
 * }</pre>
 */
public final class TestBridge implements AutoCloseable {

    private static final Path IP = Path.of("/usr/sbin/ip");

    private final String name;
    private final String prefix;
    private final List<Namespace> namespaces = new ArrayList<>();

    private TestBridge(String name, String prefix) {
        this.name = name;
        this.prefix = prefix;
    }

    /** Skips the calling test, saying why, unless this process is root and {@code ip} is installed. */
    public static void assumeAvailable() {
        assumeTrue(new UnixSystem().getUid() == 0, "network namespaces need root; this test runs as uid "
                + new UnixSystem().getUid());
        assumeTrue(Files.isExecutable(IP), "ip is not installed at " + IP + " (Debian package iproute2)");
    }

    public static TestBridge create() throws IOException {
        var random = ThreadLocalRandom.current();
        String id = Integer.toHexString(random.nextInt(0x10000, 0x100000));
        var bridge = new TestBridge("bwb" + id, "10.%d.%d.".formatted(random.nextInt(100, 250), random.nextInt(1, 250)));
        try {
            bridge.ip("link", "add", bridge.name, "type", "bridge");
            bridge.ip("addr", "add", bridge.hostAddress() + "/24", "dev", bridge.name);
            bridge.ip("link", "set", bridge.name, "up");
        } catch (IOException | RuntimeException e) {
            bridge.close();
            throw e;
        }
        return bridge;
    }

    /** The bridge's own address: the host, as the namespaces reach it. */
    public String hostAddress() {
        return prefix + "1";
    }

    /** The bridge's interface name. */
    public String name() {
        return name;
    }

    /** A new namespace on the bridge with the next free address, its loopback up. */
    public Namespace namespace() throws IOException {
        int index = namespaces.size() + 2;
        String ns = "bwt-" + name.substring(3) + "-" + index;
        String hostEnd = "bwh" + name.substring(3) + index;
        var namespace = new Namespace(ns, prefix + index);
        namespaces.add(namespace);
        ip("netns", "add", ns);
        ip("link", "add", hostEnd, "type", "veth", "peer", "name", "eth0", "netns", ns);
        ip("link", "set", hostEnd, "master", name, "up");
        namespace.run(IP.toString(), "addr", "add", namespace.address() + "/24", "dev", "eth0");
        namespace.run(IP.toString(), "link", "set", "eth0", "up");
        namespace.run(IP.toString(), "link", "set", "lo", "up");
        namespace.run(IP.toString(), "route", "add", "default", "via", hostAddress());
        return namespace;
    }

    @Override
    public void close() throws IOException {
        for (Namespace ns : namespaces) {
            RuncContainer.run(List.of(IP.toString(), "netns", "delete", ns.name()), Path.of("/"));
        }
        RuncContainer.run(List.of(IP.toString(), "link", "delete", name), Path.of("/"));
    }

    private void ip(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(IP.toString()));
        argv.addAll(List.of(args));
        RuncContainer.run(argv, Path.of("/")).requireSuccess();
    }

    /** A network namespace on the bridge: its name, its file (for a runc config) and its address. */
    public record Namespace(String name, String address) {

        public Path path() {
            return Path.of("/run/netns", name);
        }

        /** Runs a host program inside this namespace ({@code ip netns exec}), bounded as runc calls are. */
        public RuncContainer.Result run(String... command) throws IOException {
            List<String> argv = new ArrayList<>(List.of(IP.toString(), "netns", "exec", name));
            argv.addAll(List.of(command));
            return RuncContainer.run(argv, Path.of("/")).requireSuccess();
        }
    }
}
