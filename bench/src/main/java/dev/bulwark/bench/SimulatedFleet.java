package dev.bulwark.bench;

import dev.bulwark.link.model.Host;
import dev.bulwark.link.model.Workload;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster the runtime benchmark simulates: {@code nodes} nodes, each running one pod of each of
 * {@code services} services in namespace {@code bench}, so that every learned group spans every node.
 */
record SimulatedFleet(int nodes, int services) {

    static final String DOMAIN = "bench";

    int workloads() {
        return nodes * services;
    }

    /** {@code svcK.bench}, as {@code PATCH /v1/service/config} names a service. */
    static String service(int k) {
        return "svc" + k + "." + DOMAIN;
    }

    /** {@code nv.svcK.bench}, the service's learned group. */
    static String group(int k) {
        return "nv." + service(k);
    }

    Host host(int n) {
        String name = "node-" + n;
        return new Host(name + ":" + "%032x".formatted(n), name, "Ubuntu 24.04 LTS", "6.8.0-bench", "Kubernetes", 8,
                32L << 30, "containerd", "1.7.24", 2, Map.of("eth0", List.of(new Host.IpAddress(address(0, n), 16,
                ""))), Map.of("kubernetes.io/hostname", name));
    }

    /** Node {@code n}'s containers, one of each service, running since a minute ago. */
    List<Workload> workloads(int n) {
        String started = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
        List<Workload> out = new ArrayList<>(services);
        for (int k = 0; k < services; k++) {
            String app = "svc" + k;
            String pod = "%s-%08x-n%d".formatted(app, k * 7919 + 1, n);
            out.add(new Workload("%032x%032x".formatted(n, k), "k8s_%s_%s_%s_0".formatted(app, pod, DOMAIN), app,
                    pod, DOMAIN, "registry.bench/%s:1.%d".formatted(app, k % 10), "sha256:%064x".formatted(k),
                    service(k), group(k), "", Map.of("app", app, "io.kubernetes.pod.namespace", DOMAIN), "running",
                    started, started, "", 0, false, k % 5 == 0, "default", Map.of("eth0", List.of(
                    new Host.IpAddress(address(1 + k, n), 16, ""))), List.of(new Workload.Port(6, 8080, "", 0)),
                    512L << 20, "0.5", ""));
        }
        return out;
    }

    private static String address(int subnet, int n) {
        return "10.%d.%d.%d".formatted(subnet, n / 250, 1 + n % 250);
    }
}
