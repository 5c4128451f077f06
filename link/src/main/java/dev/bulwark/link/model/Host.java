package dev.bulwark.link.model;

import java.util.List;
import java.util.Map;

/**
 * A node as its enforcer sees it ({@code RESTHost}'s node-side fields).
 *
 * @param id the node's id: its host name and machine id, as NeuVector's {@code name:machine-id}
 * @param memory bytes
 * @param cgroupVersion 1 or 2
 * @param interfaces addresses by interface name
 */
public record Host(String id, String name, String os, String kernel, String platform, int cpus, long memory,
        String runtime, String runtimeVersion, int cgroupVersion, Map<String, List<IpAddress>> interfaces,
        Map<String, String> labels) {

    /** Text a node left out is empty. */
    public Host {
        id = text(id);
        name = text(name);
        os = text(os);
        kernel = text(kernel);
        platform = text(platform);
        runtime = text(runtime);
        runtimeVersion = text(runtimeVersion);
        interfaces = interfaces == null ? Map.of() : Map.copyOf(interfaces);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** {@code RESTIPAddr}. */
    public record IpAddress(String ip, int ipPrefix, String gateway) {
        public IpAddress {
            ip = text(ip);
            gateway = text(gateway);
        }
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}
