package dev.bulwark.enforcer.link;

import dev.bulwark.enforcer.container.Container;
import dev.bulwark.enforcer.linux.NamespaceGoneException;
import dev.bulwark.enforcer.linux.NetNamespace;
import dev.bulwark.enforcer.network.Interfaces;
import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.Workload;
import java.io.IOException;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is reported of this node and its containers, read from {@code /proc}, {@code /sys} and {@code /etc}. A
 * fact that cannot be read is left empty or zero: a report is never refused for want of one.
 */
public final class NodeFacts {

    private static final long ALL_CAPABILITIES = (1L << 41) - 1;

    private final Path proc;

    public NodeFacts(Path proc) {
        this.proc = proc;
    }

    /** The node: its id is its name and machine id, as NeuVector's. */
    public Host host(String name, String runtime) {
        String machineId = read(Path.of("/etc/machine-id")).strip();
        long memoryKb = field(read(proc.resolve("meminfo")), "MemTotal:");
        boolean cgroup2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        return new Host(machineId.isEmpty() ? name : name + ":" + machineId, name, osName(),
                read(proc.resolve("sys/kernel/osrelease")).strip(), "Docker", Runtime.getRuntime()
                .availableProcessors(), memoryKb * 1024, runtime, "", cgroup2 ? 2 : 1, interfaces(), Map.of());
    }

    /** A container of this node, as its first process {@code pid} shows it. */
    public Workload workload(Container c, String group, int pid) {
        String status = read(proc.resolve(pid + "/status"));
        boolean root = uid(status) == 0;
        boolean privileged = (hex(status, "CapEff:") & ALL_CAPABILITIES) == ALL_CAPABILITIES;
        String name = c.pod().known() ? c.pod().container() : c.name();
        String service = group.startsWith("nv.") ? group.substring(3) : group;
        boolean hostNetwork = hostNetwork(pid);
        return new Workload(c.id(), c.name(), name.isEmpty() ? c.id() : name, c.pod().name(), c.pod().namespace(),
                c.image(), "", service, group, "", c.labels(), "running", "", startedAt(pid), "", 0, privileged, root,
                hostNetwork ? "host" : "default", hostNetwork ? Map.of() : Interfaces.of(proc, pid), List.of(), 0, "",
                "");
    }

    /** Whether the process shares the enforcer's network namespace: a host-network container, judged as the host. */
    private static boolean hostNetwork(int pid) {
        try {
            return NetNamespace.ofPid(pid).isHost();
        } catch (NamespaceGoneException e) {
            return false;
        }
    }

    private String startedAt(int pid) {
        try {
            String stat = read(proc.resolve(pid + "/stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(after[19]);
            long boot = field(read(proc.resolve("stat")), "btime");
            return boot == 0 ? "" : Instant.ofEpochSecond(boot + ticks / 100).truncatedTo(ChronoUnit.SECONDS)
                    .toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String osName() {
        for (String line : read(Path.of("/etc/os-release")).lines().toList()) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return "";
    }

    private static Map<String, List<Host.IpAddress>> interfaces() {
        Map<String, List<Host.IpAddress>> out = new TreeMap<>();
        try {
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (i.isLoopback() || !i.isUp()) {
                    continue;
                }
                List<Host.IpAddress> addresses = new ArrayList<>();
                for (InterfaceAddress a : i.getInterfaceAddresses()) {
                    addresses.add(new Host.IpAddress(a.getAddress().getHostAddress().replaceAll("%.*", ""),
                            a.getNetworkPrefixLength(), ""));
                }
                if (!addresses.isEmpty()) {
                    out.put(i.getName(), addresses);
                }
            }
        } catch (SocketException e) {
            // no interfaces listed: the node is reported without them
        }
        return out;
    }

    private static int uid(String status) {
        for (String line : status.lines().toList()) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).strip().split("\\s+");
                return f.length > 1 ? Integer.parseInt(f[1]) : -1;
            }
        }
        return -1;
    }

    private static long hex(String status, String key) {
        for (String line : status.lines().toList()) {
            if (line.startsWith(key)) {
                return Long.parseUnsignedLong(line.substring(key.length()).strip(), 16);
            }
        }
        return 0;
    }

    private static long field(String text, String key) {
        for (String line : text.lines().toList()) {
            if (line.startsWith(key)) {
                String[] f = line.substring(key.length()).strip().split("\\s+");
                return Long.parseLong(f[0]);
            }
        }
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
