package dev.bulwark.controller.metrics;

import dev.bulwark.controller.api.ForeignProtocol;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.policy.VulnerabilityProfiles;
import dev.bulwark.controller.registry.RegistryImage;
import dev.bulwark.controller.registry.RegistryScans;
import dev.bulwark.controller.runtime.Runtime;
import dev.bulwark.controller.scan.ConnectedScanner;
import dev.bulwark.controller.scan.RuntimeScans;
import dev.bulwark.controller.scan.ScanJobs;
import dev.bulwark.controller.scan.Scanning;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /metrics} in Prometheus' text format (0.0.4), for kube-prometheus to scrape: scanners and their
 * databases, scan jobs (waiting, running, ended, and how long they took), the vulnerabilities found in what runs,
 * on nodes and in registries by severity (as the vulnerability profile counts them), and what runs. A scrape
 * authenticates with an API key as a bearer token ({@code Authorization: Bearer NAME:SECRET}, as Prometheus'
 * {@code authorization} setting sends it) and needs {@code config} read, as the console's dashboard does.
 */
public final class PrometheusApi implements ForeignProtocol {

    private final Scanning scanning;
    private final RuntimeScans runtimeScans;
    private final RegistryScans registryScans;
    private final Runtime runtime;
    private final VulnerabilityProfiles profiles;

    public PrometheusApi(Scanning scanning, RuntimeScans runtimeScans, RegistryScans registryScans, Runtime runtime,
            VulnerabilityProfiles profiles) {
        this.scanning = scanning;
        this.runtimeScans = runtimeScans;
        this.registryScans = registryScans;
        this.runtime = runtime;
        this.profiles = profiles;
    }

    @Override
    public String prefix() {
        return "/metrics";
    }

    @Override
    public Optional<String> apiKey(Context ctx) {
        String auth = ctx.header("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? Optional.of(auth.substring(7).strip())
                : Optional.empty();
    }

    @Override
    public void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
    }

    @Override
    public void accept(Routes routes) {
        routes.get("/metrics", Permissions.CONFIG, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(text()));
    }

    String text() {
        Exposition out = new Exposition();
        List<ConnectedScanner> scanners = scanning.jobs().scanners();
        out.gauge("bulwark_scanners", "Scanners connected to this controller.", scanners.size());
        out.help("bulwark_scanner_max_tasks", "gauge", "Jobs a scanner runs at once.");
        scanners.forEach(s -> out.sample("bulwark_scanner_max_tasks", s.maxTasks(), "scanner", s.id()));
        out.help("bulwark_scanner_database_timestamp_seconds", "gauge",
                "When the vulnerability database of a scanner was built.");
        scanners.stream().filter(s -> s.database() != null).forEach(s -> out.sample(
                "bulwark_scanner_database_timestamp_seconds", built(s.database().getBuilt()), "scanner", s.id()));
        ScanJobs.Counts c = scanning.jobs().counts();
        out.help("bulwark_scan_jobs", "gauge", "Scan jobs waiting for a scanner, and running.");
        out.sample("bulwark_scan_jobs", c.scheduled(), "state", "scheduled");
        out.sample("bulwark_scan_jobs", c.scanning(), "state", "scanning");
        out.help("bulwark_scan_jobs_ended_total", "counter", "Scan jobs that ended since the controller started.");
        out.sample("bulwark_scan_jobs_ended_total", c.scanned(), "result", "succeeded");
        out.sample("bulwark_scan_jobs_ended_total", c.failed(), "result", "failed");
        out.histogram("bulwark_scan_job_duration_seconds", "How long scan jobs took, from a scanner taking them.",
                ScanJobs.DURATION_BUCKETS, scanning.jobs().durations());

        VulnerabilityProfiles.Acceptance accepted = profiles.acceptance();
        long[] workloads = new long[3];
        runtimeScans.runningWorkloads().forEach(s -> add(workloads, s.counts(accepted)));
        long[] hosts = new long[3];
        runtime.state().agents().stream().filter(a -> a.host() != null).forEach(a -> add(hosts,
                runtimeScans.hostCounts(a.hostId(), accepted)));
        long[] images = new long[3];
        for (RegistryImage i : registryScans.allImages()) {
            add(images, i.counts(accepted));
        }
        out.help("bulwark_vulnerabilities", "gauge", "Vulnerabilities found, not accepted by the vulnerability"
                + " profile: in running containers (one per container), on nodes and in registry images.");
        severities(out, "container", workloads);
        severities(out, "node", hosts);
        severities(out, "registry_image", images);

        Runtime.Counts counts = runtime.counts();
        out.gauge("bulwark_hosts", "Nodes whose enforcer connected since the controller started.", counts.hosts());
        out.help("bulwark_enforcers", "gauge", "Enforcers that joined, by whether they are connected.");
        out.sample("bulwark_enforcers", counts.enforcers() - counts.disconnectedEnforcers(), "state", "connected");
        out.sample("bulwark_enforcers", counts.disconnectedEnforcers(), "state", "disconnected");
        out.gauge("bulwark_containers_running", "Containers running on the nodes.", counts.runningWorkloads());
        out.gauge("bulwark_pods_running", "Pods running on the nodes.", counts.runningPods());
        return out.toString();
    }

    private static long built(String rfc3339) {
        try {
            return java.time.Instant.parse(rfc3339).getEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            return 0;
        }
    }

    private static void add(long[] into, int[] counts) {
        for (int i = 0; i < 3; i++) {
            into[i] += counts[i];
        }
    }

    private static void severities(Exposition out, String asset, long[] counts) {
        String[] names = {"critical", "high", "medium"};
        for (int i = 0; i < 3; i++) {
            out.sample("bulwark_vulnerabilities", counts[i], "asset", asset, "severity", names[i]);
        }
    }

    /** Prometheus' text exposition format. */
    static final class Exposition {
        private final StringBuilder text = new StringBuilder();

        void help(String name, String type, String help) {
            text.append("# HELP ").append(name).append(' ').append(help).append('\n');
            text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }

        void gauge(String name, String help, double value) {
            help(name, "gauge", help);
            sample(name, value);
        }

        void sample(String name, double value, String... labels) {
            text.append(name);
            if (labels.length > 0) {
                text.append('{');
                for (int i = 0; i < labels.length; i += 2) {
                    text.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escape(labels[i + 1]))
                            .append('"');
                }
                text.append('}');
            }
            text.append(' ').append(number(value)).append('\n');
        }

        void histogram(String name, String help, double[] bounds, ScanJobs.Durations d) {
            help(name, "histogram", help);
            for (int i = 0; i < bounds.length; i++) {
                sample(name + "_bucket", d.buckets()[i], "le", number(bounds[i]));
            }
            sample(name + "_bucket", d.count(), "le", "+Inf");
            sample(name + "_sum", d.sum());
            sample(name + "_count", d.count());
        }

        private static String number(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT,
                    "%s", v);
        }

        private static String escape(String v) {
            return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
