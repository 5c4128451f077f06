package dev.bulwark.link.model;

import java.util.List;
import java.util.Map;

/**
 * A container as its node's enforcer sees it: {@code RESTWorkload}'s node-side fields. Times are RFC 3339, empty
 * when not known.
 *
 * @param group the learned group, {@code nv.<service>.<domain>}
 * @param state {@code running} or {@code exit}
 */
public record Workload(String id, String name, String displayName, String podName, String domain, String image,
        String imageId, String service, String group, String platformRole, Map<String, String> labels, String state,
        String createdAt, String startedAt, String finishedAt, int exitCode, boolean privileged, boolean runAsRoot,
        String networkMode, Map<String, List<Host.IpAddress>> interfaces, List<Port> ports, long memoryLimit,
        String cpus, String shareNsWith) {

    /** A container has an id; other text it left out is empty. */
    public Workload {
        java.util.Objects.requireNonNull(id, "id");
        name = Host.text(name);
        displayName = Host.text(displayName);
        podName = Host.text(podName);
        domain = Host.text(domain);
        image = Host.text(image);
        imageId = Host.text(imageId);
        service = Host.text(service);
        group = Host.text(group);
        platformRole = Host.text(platformRole);
        state = Host.text(state);
        createdAt = Host.text(createdAt);
        startedAt = Host.text(startedAt);
        finishedAt = Host.text(finishedAt);
        networkMode = Host.text(networkMode);
        cpus = Host.text(cpus);
        shareNsWith = Host.text(shareNsWith);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        interfaces = interfaces == null ? Map.of() : Map.copyOf(interfaces);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public boolean running() {
        return "running".equals(state);
    }

    /** {@code RESTWorkloadPorts}. */
    public record Port(int ipProto, int port, String hostIp, int hostPort) {
        public Port {
            hostIp = Host.text(hostIp);
        }
    }
}
