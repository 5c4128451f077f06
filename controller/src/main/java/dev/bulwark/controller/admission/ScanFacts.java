package dev.bulwark.controller.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.admission.evaluate.ImageFacts;
import dev.bulwark.controller.admission.evaluate.ImageFactsSource;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.policy.VulnerabilityProfiles;
import dev.bulwark.controller.registry.RegistryConfig;
import dev.bulwark.controller.registry.RegistryImage;
import dev.bulwark.controller.registry.RegistryScans;
import dev.bulwark.controller.scan.Reports;
import dev.bulwark.controller.scan.RuntimeScan;
import dev.bulwark.controller.scan.ScanJobs;
import dev.bulwark.controller.store.ClusterStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the scanning service knows of an image, for admission control: the last registry scan of its registry,
 * repository and tag, else the last runtime scan of a container running it, else, when a scanner is connected, a
 * scan on demand (a high-priority {@code repository} job, as {@code POST /v1/scan/repository} queues) waited for no
 * longer than the review's budget; a scan still running then is kept for the next review of the image. Facts are
 * cached per reference (a digest when the pod names one), {@link #MAX_CACHED} at most, and forgotten whenever a
 * registry or runtime scan is recorded; the vulnerability profile is applied at each lookup, as it is now.
 * Thread-safe.
 */
public final class ScanFacts implements ImageFactsSource, AutoCloseable {

    static final int MAX_CACHED = 2048;
    /**
     * The configured user of an image whose scan passed NeuVector's check I.4.1: reports keep only whether the user
     * is root, not its name.
     */
    static final String NON_ROOT = "(non-root)";
    /** Scans on demand running at once; more reviews of new images wait for a rescan rather than queue more. */
    static final int MAX_SCANNING = 64;

    private final Records records;
    private final RegistryScans registryScans;
    private final ScanJobs jobs;
    private final VulnerabilityProfiles profiles;
    private final Map<String, ImageFacts> cached = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImageFacts> eldest) {
            return size() > MAX_CACHED;
        }
    };
    private final Map<String, CompletableFuture<ImageFacts>> scanning = new ConcurrentHashMap<>();
    private final List<ClusterStore.Watch> watches;

    public ScanFacts(Records records, RegistryScans registryScans, ScanJobs jobs, VulnerabilityProfiles profiles) {
        this.records = records;
        this.registryScans = registryScans;
        this.jobs = jobs;
        this.profiles = profiles;
        this.watches = List.of(records.watch(RegistryImage.KIND, this::forget),
                records.watch(RuntimeScan.KIND, this::forget));
    }

    @Override
    public ImageFacts facts(String image, Duration budget) {
        ImageRef ref = ImageRef.parse(image);
        return known(ref).or(() -> scanned(ref, budget)).map(f -> accepted(f, ref)).orElse(ImageFacts.unscanned());
    }

    private Optional<ImageFacts> known(ImageRef ref) {
        synchronized (cached) {
            ImageFacts f = cached.get(ref.key());
            if (f != null) {
                return Optional.of(f);
            }
        }
        Optional<ImageFacts> found = fromRegistry(ref).or(() -> fromRuntime(ref));
        found.ifPresent(f -> cache(ref, f));
        return found;
    }

    private void cache(ImageRef ref, ImageFacts f) {
        synchronized (cached) {
            cached.put(ref.key(), f);
        }
    }

    private void forget() {
        synchronized (cached) {
            cached.clear();
        }
    }

    private Optional<ImageFacts> fromRegistry(ImageRef ref) {
        Map<String, String> hosts = new LinkedHashMap<>();
        records.list(RegistryConfig.KIND).forEach(r -> hosts.put(r.name(), ImageRef.hostOf(r.registry())));
        return registryScans.allImages().stream()
                .filter(i -> i.status().equals(RegistryImage.FINISHED) && i.repository().equals(ref.repository())
                        && (i.tag().equals(ref.tag()) || i.digest().equals(ref.tag()))
                        && ref.registry().equals(hosts.get(i.registry())))
                .max(java.util.Comparator.comparingLong(RegistryImage::scannedTimestamp))
                .flatMap(i -> registryScans.report(i.registry(), i.imageId())).map(ScanFacts::of);
    }

    private Optional<ImageFacts> fromRuntime(ImageRef ref) {
        return records.list(RuntimeScan.KIND).stream()
                .filter(s -> s.kind().equals(RuntimeScan.WORKLOAD) && !s.gzip().isEmpty()
                        && ImageRef.parse(s.image()).equals(ref))
                .max(java.util.Comparator.comparingLong(RuntimeScan::scannedTimestamp))
                .map(s -> of(Reports.read(Base64.getDecoder().decode(s.gzip()))));
    }

    /** Scans the image on demand, waiting at most {@code budget}; empty when no scanner answers in time. */
    private Optional<ImageFacts> scanned(ImageRef ref, Duration budget) {
        if (jobs.scanners().isEmpty() || budget.isNegative() || budget.isZero()) {
            return Optional.empty();
        }
        CompletableFuture<ImageFacts> scan = scanning.get(ref.key());
        if (scan == null) {
            if (scanning.size() >= MAX_SCANNING) {
                return Optional.empty();
            }
            scan = scanning.computeIfAbsent(ref.key(), k -> submit(ref));
        }
        try {
            return Optional.of(scan.get(budget.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private CompletableFuture<ImageFacts> submit(ImageRef ref) {
        Optional<RegistryConfig> known = records.list(RegistryConfig.KIND).stream()
                .filter(r -> ImageRef.hostOf(r.registry()).equals(ref.registry())).findFirst();
        CompletableFuture<ImageFacts> scan;
        try {
            var request = known.map(r -> registryScans.repositoryRequest(r, ref.repository(), ref.tag()))
                    .orElseGet(() -> {
                        var anonymous = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                        anonymous.put("registry", ref.pullUrl()).put("repository", ref.repository())
                                .put("tag", ref.tag()).put("scan_layers", false).put("base_image", "");
                        return anonymous;
                    });
            scan = jobs.submit("repository", Reports.json(request), ScanJobs.Priority.HIGH)
                    .thenApply(packed -> of(Reports.read(packed)));
        } catch (RuntimeException e) {
            // a full queue, or a registry whose login cannot be had (an ECR key AWS refuses): not scanned this time
            scan = CompletableFuture.failedFuture(e);
        }
        return scan.whenComplete((facts, failure) -> {
            if (facts != null) {
                cache(ref, facts);
            }
            scanning.remove(ref.key());
        });
    }

    /** The facts of a report ({@code RESTScanRepoReport} or a runtime scan's), before the profile is applied. */
    static ImageFacts of(JsonNode report) {
        List<ImageFacts.Cve> cves = new ArrayList<>();
        for (JsonNode v : report.path("vulnerabilities")) {
            double v3 = v.path("score_v3").asDouble();
            cves.add(new ImageFacts.Cve(v.path("name").asText(), v.path("severity").asText(),
                    v3 > 0 ? v3 : v.path("score").asDouble(), !v.path("fixed_version").asText().isEmpty(),
                    v.path("published_timestamp").asLong(), v.path("package_name").asText()));
        }
        List<String> modules = new ArrayList<>();
        report.path("modules").forEach(m -> modules.add(m.path("name").asText()));
        boolean compliance = !report.path("secrets").isEmpty() || !report.path("setid_perms").isEmpty();
        return new ImageFacts(true, !report.path("base_os").asText().isEmpty(), RegistryScans.runsAsRoot(report) ? "root" : NON_ROOT,
                cves, modules, compliance, false, List.of());
    }

    /** The facts less the vulnerabilities the profile accepts for the image now. */
    private ImageFacts accepted(ImageFacts f, ImageRef ref) {
        VulnerabilityProfiles.Acceptance accepted = profiles.acceptance();
        List<ImageFacts.Cve> kept = f.cves().stream().filter(c -> !accepted.accepts(c.name(),
                c.publishedEpochSeconds(), "", ref.profileName())).toList();
        return kept.size() == f.cves().size() ? f : new ImageFacts(f.scanned(), f.hasOs(), f.configuredUser(), kept,
                f.modules(), f.complianceViolations(), f.signed(), f.verifiers());
    }

    @Override
    public void close() {
        watches.forEach(ClusterStore.Watch::close);
        scanning.values().forEach(s -> s.cancel(false));
    }
}
