package dev.bulwark.controller.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.policy.VulnerabilityProfiles;
import dev.bulwark.controller.runtime.AgentSessions;
import dev.bulwark.controller.runtime.Attachments;
import dev.bulwark.controller.runtime.RestTime;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.controller.runtime.ScanBrief;
import dev.bulwark.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scans what runs, as NeuVector's runtime scan does: the enforcer of a container's node collects the container's
 * package databases and application files (from its root, as the container sees it) and uploads them; a scanner
 * fetches and scans them. A user's request goes first; automatic scans ({@code /v1/scan/config}) of containers and
 * nodes not scanned yet, or scanned with an older database, and of a container whose packages changed
 * ({@code Container.Package.Updated}), wait behind it. Results are kept in the store ({@link RuntimeScan}).
 * Thread-safe.
 */
public final class RuntimeScans implements ScanBrief.Source, AutoCloseable {

    /** How long an enforcer has to collect and upload a container's files. */
    static final Duration COLLECT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration SWEEP = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = Json.compactSnakeCase();
    private static final System.Logger LOG = System.getLogger(RuntimeScans.class.getName());

    private final Records records;
    private final RuntimeState state;
    private final AgentSessions sessions;
    private final Attachments attachments;
    private final ScanJobs jobs;
    private final Databases databases;
    private final VulnerabilityProfiles profiles;
    private final ScanAudit audit;
    private final InstantSource clock;
    /** Scans on their way, by key: {@code scheduled} until a scanner takes them, then {@code scanning}. */
    private final Map<String, String> underway = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("runtime-scan-sweep").factory());

    public RuntimeScans(Records records, RuntimeState state, AgentSessions sessions, Attachments attachments,
            ScanJobs jobs, Databases databases, VulnerabilityProfiles profiles, ScanAudit audit,
            InstantSource clock) {
        this.records = records;
        this.state = state;
        this.sessions = sessions;
        this.attachments = attachments;
        this.jobs = jobs;
        this.databases = databases;
        this.profiles = profiles;
        this.audit = audit;
        this.clock = clock;
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Queues a scan of a running container; false when no container of that id runs. */
    public boolean scanWorkload(String id, ScanJobs.Priority priority) {
        Optional<RuntimeState.Running> running = state.workload(id).filter(r -> r.workload().running());
        running.ifPresent(r -> scan(new RuntimeScan(id, RuntimeScan.WORKLOAD, r.workload().name(),
                r.workload().domain(), r.workload().image(), r.workload().imageId(), "", "", List.of(), 0, "", "", "",
                "", ""), r.agentId(), id, priority));
        return running.isPresent();
    }

    /** The namespace of a container that runs or was scanned; empty when there is no such container. */
    public Optional<String> workloadDomain(String id) {
        return state.workload(id).map(r -> r.workload().domain()).or(() -> records.find(RuntimeScan.KIND,
                RuntimeScan.key(RuntimeScan.WORKLOAD, id)).map(RuntimeScan::domain));
    }

    /** Queues a scan of a node; false when no connected enforcer runs on a host of that id. */
    public boolean scanHost(String hostId, ScanJobs.Priority priority) {
        Optional<RuntimeState.Agent> agent = state.agents().stream().filter(RuntimeState.Agent::connected)
                .filter(a -> a.host() != null && hostId.equals(a.hostId())).findFirst();
        agent.ifPresent(a -> scan(new RuntimeScan(hostId, RuntimeScan.HOST, a.hostName(), "", "", "", "", "",
                List.of(), 0, "", "", "", "", ""), a.id(), "", priority));
        return agent.isPresent();
    }

    /**
     * Records a scan of the platform's components that could not run: no node tells its Kubernetes version, and the
     * vulnerability database has no Kubernetes advisories. False when the cluster is not Kubernetes.
     */
    public boolean scanPlatform() {
        String platform = state.platform();
        if (platform.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        records.put(RuntimeScan.KIND, RuntimeScan.key(RuntimeScan.PLATFORM, RuntimeScan.PLATFORM), new RuntimeScan(
                RuntimeScan.PLATFORM, RuntimeScan.PLATFORM, platform, "", "", "", "failed", "The platform cannot be"
                + " scanned: the enforcers do not report the Kubernetes version, and the vulnerability database has"
                + " no Kubernetes advisories", List.of(), now.getEpochSecond(), RestTime.format(now), "", "", "", ""));
        return true;
    }

    /** The platform's last scan, when one was asked for. */
    public Optional<RuntimeScan> platformScan() {
        return records.find(RuntimeScan.KIND, RuntimeScan.key(RuntimeScan.PLATFORM, RuntimeScan.PLATFORM));
    }

    /** A container's packages changed: scanned again when containers are scanned automatically. */
    public void packagesChanged(JsonNode incident) {
        if (incident.path("name").asText().equals("Container.Package.Updated") && config().autoScanWorkload()) {
            scanWorkload(incident.path("workload_id").asText(), ScanJobs.Priority.LOW);
        }
    }

    /** Collects the files of what {@code subject} names on its enforcer, and queues their scan. */
    private void scan(RuntimeScan subject, String agentId, String workload, ScanJobs.Priority priority) {
        String key = RuntimeScan.key(subject.kind(), subject.id());
        if (underway.putIfAbsent(key, "scheduled") != null) {
            return;
        }
        sessions.askFiles(agentId, workload, COLLECT_TIMEOUT).thenCompose(files -> {
            String attachment = files.attachment().orElseThrow(() -> new ScanJobs.ScanFailed(
                    "the enforcer sent no files", false));
            ObjectNode request = JSON.createObjectNode();
            request.put("files", attachment);
            request.put("reference", (subject.kind().equals(RuntimeScan.HOST) ? "host:" : "container:")
                    + subject.name());
            CompletableFuture<byte[]> report = jobs.submit("files", Reports.json(request), priority,
                    () -> underway.replace(key, "scanning"));
            return report.whenComplete((r, e) -> attachments.delete(attachment));
        }).whenComplete((packed, failure) -> {
            try {
                keep(subject, packed, failure);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "keeping the scan of %s failed".formatted(key), e);
            } finally {
                underway.remove(key);
            }
        });
    }

    private void keep(RuntimeScan s, byte[] packed, Throwable failure) {
        Instant now = clock.instant();
        String key = RuntimeScan.key(s.kind(), s.id());
        RuntimeScan scan;
        if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException c ? c.getCause() : failure;
            Optional<RuntimeScan> last = records.find(RuntimeScan.KIND, key);
            scan = new RuntimeScan(s.id(), s.kind(), s.name(), s.domain(), s.image(), s.imageId(), "failed",
                    String.valueOf(cause.getMessage()), last.map(RuntimeScan::found).orElse(List.of()),
                    now.getEpochSecond(), RestTime.format(now), "", "", "", last.map(RuntimeScan::gzip).orElse(""));
        } else {
            JsonNode report = Reports.read(packed);
            scan = new RuntimeScan(s.id(), s.kind(), s.name(), s.domain(), s.image(), s.imageId(), "finished",
                    "succeeded", Reports.found(report.path("vulnerabilities")), now.getEpochSecond(),
                    RestTime.format(now), report.path("base_os").asText(), report.path("cvedb_version").asText(),
                    report.path("cvedb_create_time").asText(), Base64.getEncoder().encodeToString(packed));
        }
        records.put(RuntimeScan.KIND, key, scan);
        String name = s.kind().equals(RuntimeScan.HOST) ? ScanAudit.HOST : ScanAudit.CONTAINER;
        Map<String, String> fields = s.kind().equals(RuntimeScan.HOST) ? Map.of("host_id", s.id(), "host_name",
                s.name()) : Map.of("workload_id", s.id(), "workload_name", s.name(), "workload_domain", s.domain(),
                "workload_image", s.image());
        if (failure != null) {
            audit.failed(name, fields, scan.result());
        } else {
            audit.finished(name, fields, Reports.unaccepted(scan.found(), profiles.acceptance(), s.domain(),
                    Reports.imageName(s.image())), scan.baseOs(), scan.cvedbVersion());
        }
    }

    /**
     * The last report of a container or node, when it was scanned, the vulnerabilities the profile accepts left
     * out (or tagged, with {@code showAccepted}).
     */
    public Optional<JsonNode> report(String kind, String id, boolean showAccepted) {
        return records.find(RuntimeScan.KIND, RuntimeScan.key(kind, id)).filter(s -> !s.gzip().isEmpty())
                .map(s -> Reports.accepted(Reports.read(Base64.getDecoder().decode(s.gzip())), profiles.acceptance(),
                        s.domain(), Reports.imageName(s.image()), showAccepted));
    }

    /** The critical, high and medium vulnerabilities of a node's last scan, as the profile counts them. */
    public int[] hostCounts(String hostId, VulnerabilityProfiles.Acceptance accepted) {
        return records.find(RuntimeScan.KIND, RuntimeScan.key(RuntimeScan.HOST, hostId)).map(s -> s.counts(accepted))
                .orElse(new int[3]);
    }

    /** The profile's accepted vulnerabilities now, for counts. */
    public VulnerabilityProfiles.Acceptance acceptance() {
        return profiles.acceptance();
    }

    /** The scans of containers that run now, newest per image first. */
    public java.util.List<RuntimeScan> runningWorkloads() {
        return state.workloads().stream().filter(r -> r.workload().running())
                .flatMap(r -> records.find(RuntimeScan.KIND, RuntimeScan.key(RuntimeScan.WORKLOAD,
                        r.workload().id())).stream()).toList();
    }

    @Override
    public ScanBrief workload(String id) {
        return brief(RuntimeScan.WORKLOAD, id);
    }

    @Override
    public ScanBrief host(String id) {
        return brief(RuntimeScan.HOST, id);
    }

    private ScanBrief brief(String kind, String id) {
        String key = RuntimeScan.key(kind, id);
        String now = underway.get(key);
        Optional<RuntimeScan> last = records.find(RuntimeScan.KIND, key);
        if (last.isEmpty()) {
            return now == null ? ScanBrief.NONE : new ScanBrief(now, 0, 0, 0, "", 0, "", "", "", "");
        }
        RuntimeScan s = last.get();
        int[] counts = s.counts(profiles.acceptance());
        return new ScanBrief(now != null ? now : s.status(), counts[0], counts[1], counts[2], s.result(),
                s.scannedTimestamp(), s.scannedAt(), s.baseOs(), s.cvedbVersion(), s.cvedbCreateTime());
    }

    public ScanConfig config() {
        return records.find(ScanConfig.KIND).orElse(ScanConfig.DEFAULT);
    }

    /** Queues what the automatic scans take: containers and nodes never scanned, or scanned with an older database. */
    private void sweep() {
        try {
            ScanConfig config = config();
            String newest = databases.newest().map(d -> d.getBuilt()).orElse("");
            if (config.autoScanWorkload()) {
                for (RuntimeState.Running r : state.workloads()) {
                    if (r.workload().running() && stale(RuntimeScan.WORKLOAD, r.workload().id(), newest)) {
                        scanWorkload(r.workload().id(), ScanJobs.Priority.LOW);
                    }
                }
            }
            if (config.autoScanHost()) {
                for (RuntimeState.Agent a : state.agents()) {
                    if (a.connected() && a.host() != null && stale(RuntimeScan.HOST, a.hostId(), newest)) {
                        scanHost(a.hostId(), ScanJobs.Priority.LOW);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "queueing the automatic runtime scans failed", e);
        }
    }

    /** Never scanned, or finished with a database older than the newest: a failed scan waits for a request. */
    private boolean stale(String kind, String id, String newestDatabase) {
        if (underway.containsKey(RuntimeScan.key(kind, id))) {
            return false;
        }
        Optional<RuntimeScan> last = records.find(RuntimeScan.KIND, RuntimeScan.key(kind, id));
        return last.isEmpty() || (last.get().status().equals("finished") && !newestDatabase.isEmpty()
                && last.get().cvedbCreateTime().compareTo(newestDatabase) < 0);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
