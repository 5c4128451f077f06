package dev.bulwark.controller.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.runtime.RestTime;
import dev.bulwark.controller.policy.VulnerabilityProfiles;
import dev.bulwark.controller.scan.Reports;
import dev.bulwark.controller.scan.ScanAudit;
import dev.bulwark.controller.scan.ScanJobs;
import dev.bulwark.core.json.Json;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Scans registries as NeuVector does: a scan lists the repositories its filters take (the catalog, unless every
 * filter names its repository) and their tags, at most {@code repo_limit} repositories and {@code tag_limit} tags
 * each, then gives each image to a scanner as a low-priority job, so that CI scans go first. A tag whose digest and
 * database are those of its last scan is not pulled again. Each image's summary and report are kept in the store,
 * at most {@link #MAX_IMAGES} per registry; a failed image is kept with its error, and the scan goes on. Periodical
 * registries are scanned every {@code interval} seconds; a scanner that brings a newer database rescans the
 * registries with {@code rescan_after_db_update}. Thread-safe.
 */
public final class RegistryScans implements AutoCloseable {

    /** NeuVector's {@code ScanPersistImageMax}. */
    static final int MAX_IMAGES = 8192;
    private static final int MOST_REPOSITORIES = 100_000;
    private static final ObjectMapper JSON = Json.compactSnakeCase();
    private static final System.Logger LOG = System.getLogger(RegistryScans.class.getName());

    private final Records records;
    private final RegistryScanStates states;
    private final ScanJobs jobs;
    private final VulnerabilityProfiles profiles;
    private final ScanAudit audit;
    private final InstantSource clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("registry-schedule").factory());
    private final Map<String, Long> lastStart = new ConcurrentHashMap<>();
    private final EcrAuthorization ecr;

    public RegistryScans(Records records, RegistryScanStates states, ScanJobs jobs, VulnerabilityProfiles profiles,
            ScanAudit audit, InstantSource clock) {
        this.records = records;
        this.states = states;
        this.jobs = jobs;
        this.profiles = profiles;
        this.audit = audit;
        this.clock = clock;
        this.ecr = EcrAuthorization.aws(clock);
        scheduler.scheduleWithFixedDelay(this::startDue, 10, 10, TimeUnit.SECONDS);
    }

    /** One scan of one registry, running. */
    private final class Run {
        final RegistryConfig registry;
        final boolean forced;
        /** Each image's job, and what follows it once its result is kept. */
        final List<Queued> pending = new ArrayList<>();
        volatile boolean stopped;

        Run(RegistryConfig registry, boolean forced) {
            this.registry = registry;
            this.forced = forced;
        }
    }

    /** Starts a scan of the registry; nothing when one runs. */
    public void start(String name) {
        start(name, false);
    }

    /** Stops the registry's scan: images not scanned yet are left; nothing when none runs. */
    public void stop(String name) {
        Run run = runs.get(name);
        if (run != null) {
            run.stopped = true;
            synchronized (run.pending) {
                run.pending.forEach(q -> q.job().cancel(false));
            }
        }
    }

    /** Rescans, digests regardless, every registry that asks to be after a database update. */
    public void databaseUpdated() {
        records.list(RegistryConfig.KIND).stream().filter(RegistryConfig::rescanAfterDbUpdate)
                .forEach(r -> start(r.name(), true));
    }

    private void start(String name, boolean forced) {
        RegistryConfig registry = records.find(RegistryConfig.KIND, name).orElse(null);
        if (registry == null) {
            return;
        }
        Run run = new Run(registry, forced);
        if (runs.putIfAbsent(name, run) != null) {
            return;
        }
        lastStart.put(name, clock.millis());
        String startedAt = RestTime.format(clock.instant());
        states.change(name, s -> new RegistryScanState(RegistryScanState.STATUS_SCANNING, "", "", startedAt, 0, 0, 0,
                0, s.cvedbVersion(), s.cvedbCreateTime()));
        Thread.ofVirtual().name("registry-scan-" + name).start(() -> {
            try {
                scan(run);
                states.change(name, s -> idle(s, "", ""));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "registry scan of %s failed: %s".formatted(name,
                        e.getMessage()));
                states.change(name, s -> idle(s, "Failed to list the registry", e.getMessage()));
            } finally {
                runs.remove(name, run);
            }
        });
    }

    private static RegistryScanState idle(RegistryScanState s, String error, String detail) {
        return new RegistryScanState(RegistryScanState.STATUS_IDLE, error, detail, s.startedAt(), s.scanned(), 0, 0,
                s.failed(), s.cvedbVersion(), s.cvedbCreateTime());
    }

    private void startDue() {
        try {
            long now = clock.millis();
            for (RegistryConfig r : records.list(RegistryConfig.KIND)) {
                if (r.schedule().schedule().equals(RegistryConfig.Schedule.PERIODICAL)
                        && now - lastStart.getOrDefault(r.name(), 0L) >= r.schedule().interval() * 1000L) {
                    start(r.name(), false);
                }
            }
            forgetDeleted();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "starting the scheduled registry scans failed", e);
        }
    }

    /** Drops the results of registries deleted since. */
    private void forgetDeleted() {
        Set<String> names = new java.util.HashSet<>();
        records.list(RegistryConfig.KIND).forEach(r -> names.add(r.name()));
        for (RegistryImage image : records.list(RegistryImage.KIND)) {
            if (!names.contains(image.registry())) {
                records.remove(RegistryImage.KIND, image.id());
                records.remove(RegistryImage.Report.KIND, RegistryImage.Report.id(image.registry(), image.imageId()));
                states.forget(image.registry());
            }
        }
    }

    private void scan(Run run) {
        RegistryConfig registry = run.registry;
        Map<String, RegistryImage> known = new HashMap<>();
        images(registry.name()).forEach(i -> known.put(i.id(), i));
        List<Image> images = list(registry);
        Set<String> listed = new java.util.HashSet<>();
        images.forEach(i -> listed.add(RegistryImage.id(registry.name(), i.repository(), i.tag())));
        known.values().stream().filter(i -> !i.gone() && !listed.contains(i.id()))
                .forEach(i -> records.put(RegistryImage.KIND, i.id(), i.asGone()));
        for (Image image : images) {
            if (run.stopped) {
                return;
            }
            RegistryImage last = known.get(RegistryImage.id(registry.name(), image.repository(), image.tag()));
            if (!run.forced && last != null && last.status().equals(RegistryImage.FINISHED)
                    && last.digest().equals(image.digest())) {
                states.change(registry.name(), s -> counted(s, 1, 0));
                continue;
            }
            submit(run, image);
        }
        List<Queued> waiting;
        synchronized (run.pending) {
            waiting = List.copyOf(run.pending);
        }
        for (Queued q : waiting) {
            try {
                q.kept().join(); // not the job itself: its result is counted once kept
            } catch (RuntimeException e) {
                // recorded by the job's own completion
            }
        }
    }

    /** An image's job, and its result kept (or its failure recorded). */
    private record Queued(CompletableFuture<byte[]> job, CompletableFuture<byte[]> kept) {}

    /** One image to scan. */
    record Image(String repository, String tag, String digest) {}

    private static RegistryScanState counted(RegistryScanState s, int scanned, int failed) {
        return new RegistryScanState(s.status(), s.errorMessage(), s.errorDetail(), s.startedAt(),
                s.scanned() + scanned, s.scheduled(), s.scanning(), s.failed() + failed, s.cvedbVersion(),
                s.cvedbCreateTime());
    }

    private static RegistryScanState moved(RegistryScanState s, int scheduled, int scanning) {
        return new RegistryScanState(s.status(), s.errorMessage(), s.errorDetail(), s.startedAt(), s.scanned(),
                Math.max(0, s.scheduled() + scheduled), Math.max(0, s.scanning() + scanning), s.failed(),
                s.cvedbVersion(), s.cvedbCreateTime());
    }

    private void submit(Run run, Image image) {
        RegistryConfig r = run.registry;
        ObjectNode request = repositoryRequest(r, image.repository(), image.tag());
        AtomicBoolean started = new AtomicBoolean();
        String name = r.name();
        states.change(name, s -> moved(s, 1, 0));
        CompletableFuture<byte[]> report = jobs.submit("repository", Reports.json(request), ScanJobs.Priority.LOW,
                () -> {
                    if (started.compareAndSet(false, true)) {
                        states.change(name, s -> moved(s, -1, 1));
                    }
                });
        CompletableFuture<byte[]> kept = report.whenComplete((packed, failure) -> {
            boolean wasStarted = started.get();
            states.change(name, s -> moved(s, wasStarted ? 0 : -1, wasStarted ? -1 : 0));
            if (failure instanceof java.util.concurrent.CancellationException) {
                return;
            }
            try {
                if (failure == null) {
                    keep(r, image, packed);
                    states.change(name, s -> counted(s, 1, 0));
                } else {
                    keepFailure(r, image, failure instanceof java.util.concurrent.CompletionException c
                            ? c.getCause() : failure);
                    states.change(name, s -> counted(s, 0, 1));
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "keeping the scan of %s:%s failed".formatted(image.repository(),
                        image.tag()), e);
            }
        });
        synchronized (run.pending) {
            run.pending.add(new Queued(report, kept));
        }
    }

    /** The images the registry's filters and limits take, with the digest each tag names now. */
    private List<Image> list(RegistryConfig r) {
        return images(r, repositories -> listing(r, repositories));
    }

    /**
     * The images the registry's filters and limits take, from the catalog (unless every filter names its
     * repository) and the tags, each asked of {@code listing} (a {@code registry_list} job's answer for the
     * repositories named, the catalog for none).
     */
    static List<Image> images(RegistryConfig r, Function<List<String>, JsonNode> listing) {
        List<RegistryFilter> filters = r.parsedFilters();
        Set<String> repositories = new LinkedHashSet<>();
        if (filters.stream().allMatch(RegistryScans::namesItsRepository)) {
            filters.forEach(f -> repositories.add(f.org().isEmpty() ? f.repository() : f.org() + "/"
                    + f.repository()));
        } else {
            for (JsonNode repo : listing.apply(List.of()).path("repositories")) {
                String name = repo.path("name").asText();
                if (filters.stream().anyMatch(f -> f.matchesRepository(name))) {
                    repositories.add(name);
                }
            }
        }
        // a limit of 0 is no limit, as the API says and NeuVector reads it
        List<String> taken = repositories.stream().limit(r.repoLimit() == 0 ? Long.MAX_VALUE : r.repoLimit()).toList();
        List<Image> images = new ArrayList<>();
        if (taken.isEmpty()) {
            return images;
        }
        for (JsonNode repo : listing.apply(taken).path("repositories")) {
            String name = repo.path("name").asText();
            int kept = 0;
            for (JsonNode tag : repo.path("tags")) {
                String t = tag.path("name").asText();
                if ((r.tagLimit() == 0 || kept < r.tagLimit()) && filters.stream().anyMatch(f -> f.matches(name, t))) {
                    images.add(new Image(name, t, tag.path("digest").asText()));
                    kept++;
                }
            }
        }
        return images;
    }

    /** Whether a filter names one repository outright: no pattern in it (a registry without a catalog needs it). */
    private static boolean namesItsRepository(RegistryFilter f) {
        return f.repository().matches("[A-Za-z0-9._/-]+") && !f.repository().equals(RegistryFilter.ANY);
    }

    private JsonNode listing(RegistryConfig r, List<String> repositories) {
        try {
            return Reports.read(jobs.submit("registry_list", listRequest(r, login(r), repositories, false),
                    ScanJobs.Priority.LOW).get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ScanJobs.ScanFailed f ? f : new IllegalStateException(e.getCause());
        }
    }

    /** A {@code registry_list} job's request; with {@code trace}, the scanner answers with each exchange too. */
    static byte[] listRequest(RegistryConfig r, RegistryLogin login, List<String> repositories, boolean trace) {
        ObjectNode request = JSON.createObjectNode();
        request.put("registry", r.registry());
        request.put("username", login.username());
        request.put("password", login.password());
        request.set("repositories", JSON.valueToTree(repositories));
        request.put("limit", MOST_REPOSITORIES);
        request.put("trace", trace);
        return Reports.json(request);
    }

    /** A {@code repository} job's request for an image of a registry, with the registry's login. */
    public ObjectNode repositoryRequest(RegistryConfig r, String repository, String tag) {
        RegistryLogin login = login(r);
        ObjectNode request = JSON.createObjectNode();
        request.put("registry", r.registry());
        request.put("username", login.username());
        request.put("password", login.password());
        request.put("repository", repository);
        request.put("tag", tag);
        request.put("scan_layers", r.scanLayers());
        request.put("base_image", "");
        return request;
    }

    /** The registry's login; an ECR registry's is asked from AWS (and kept while it lasts). */
    private RegistryLogin login(RegistryConfig r) {
        return RegistryType.of(r.registryType()).orElse(null) == RegistryType.AMAZON_ECR && r.awsKey() != null
                ? ecr.login(r.awsKey()) : RegistryLogin.stored(r);
    }

    private void keep(RegistryConfig r, Image image, byte[] packed) {
        JsonNode report = Reports.read(packed);
        Instant now = clock.instant();
        String imageId = report.path("image_id").asText();
        List<String> layers = new ArrayList<>();
        report.path("layers").forEach(l -> layers.add(l.path("digest").asText()));
        List<String> envs = new ArrayList<>();
        report.path("envs").forEach(e -> envs.add(e.asText()));
        Map<String, String> labels = new HashMap<>();
        report.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        RegistryImage summary = new RegistryImage(r.name(), "", image.repository(), image.tag(), imageId,
                image.digest().isEmpty() ? report.path("digest").asText() : image.digest(),
                report.path("size").asLong(), report.path("author").asText(), runsAsRoot(report),
                report.path("created_at").asText(), envs, labels, layers, RegistryImage.FINISHED,
                Reports.found(report.path("vulnerabilities")), "succeeded", now.getEpochSecond(), RestTime.format(now),
                report.path("base_os").asText(), report.path("cvedb_version").asText(),
                report.path("cvedb_create_time").asText(), false);
        records.put(RegistryImage.Report.KIND, RegistryImage.Report.id(r.name(), imageId),
                new RegistryImage.Report(r.name(), imageId, Base64.getEncoder().encodeToString(packed)));
        records.put(RegistryImage.KIND, summary.id(), summary);
        audit.finished(ScanAudit.REGISTRY, auditFields(r, image, imageId), Reports.unaccepted(summary.found(),
                profiles.acceptance(), "", image.repository() + ":" + image.tag()), summary.baseOs(),
                summary.scannerVersion());
        states.change(r.name(), s -> new RegistryScanState(s.status(), s.errorMessage(), s.errorDetail(),
                s.startedAt(), s.scanned(), s.scheduled(), s.scanning(), s.failed(), summary.scannerVersion(),
                summary.cvedbCreateTime()));
        trim(r.name());
    }

    private void keepFailure(RegistryConfig r, Image image, Throwable failure) {
        Instant now = clock.instant();
        RegistryImage last = records.find(RegistryImage.KIND, RegistryImage.id(r.name(), image.repository(),
                image.tag())).orElse(null);
        records.put(RegistryImage.KIND, RegistryImage.id(r.name(), image.repository(), image.tag()),
                new RegistryImage(r.name(), "", image.repository(), image.tag(), last == null ? "" : last.imageId(),
                        image.digest(), 0, "", false, "", List.of(), Map.of(), List.of(), RegistryImage.FAILED,
                        List.of(), String.valueOf(failure.getMessage()), now.getEpochSecond(), RestTime.format(now),
                        "", "", "", false));
        audit.failed(ScanAudit.REGISTRY, auditFields(r, image, last == null ? "" : last.imageId()),
                String.valueOf(failure.getMessage()));
    }

    private static Map<String, String> auditFields(RegistryConfig r, Image image, String imageId) {
        return Map.of("registry", r.registry(), "registry_name", r.name(), "repository", image.repository(), "tag",
                image.tag(), "image_id", imageId, "image", image.repository() + ":" + image.tag());
    }

    /** Keeps the newest {@link #MAX_IMAGES} images of a registry. */
    private void trim(String registry) {
        List<RegistryImage> all = images(registry);
        if (all.size() <= MAX_IMAGES) {
            return;
        }
        all.stream().sorted(java.util.Comparator.comparingLong(RegistryImage::scannedTimestamp))
                .limit(all.size() - MAX_IMAGES).forEach(i -> records.remove(RegistryImage.KIND, i.id()));
    }

    /** The images of every registry its last listing had, scanned so far. */
    public List<RegistryImage> allImages() {
        return records.list(RegistryImage.KIND).stream().filter(i -> !i.gone()).toList();
    }

    /** The images of a registry scanned so far, those gone from its listing included. */
    public List<RegistryImage> images(String registry) {
        return records.list(RegistryImage.KIND).stream().filter(i -> i.registry().equals(registry)).toList();
    }

    /** The images of a registry its last listing had, scanned so far. */
    public List<RegistryImage> currentImages(String registry) {
        return images(registry).stream().filter(i -> !i.gone()).toList();
    }

    /** The report of an image of a registry, as its scanner wrote it; empty when there is none. */
    public java.util.Optional<JsonNode> report(String registry, String imageId) {
        return records.find(RegistryImage.Report.KIND, RegistryImage.Report.id(registry, imageId))
                .map(r -> Reports.read(Base64.getDecoder().decode(r.gzip())));
    }

    /**
     * An image's report as users see it: the vulnerabilities the profile accepts for its repository and tag left
     * out, or tagged with {@code showAccepted}.
     */
    public java.util.Optional<JsonNode> shownReport(String registry, String imageId, boolean showAccepted) {
        return report(registry, imageId).map(r -> Reports.accepted(r, profiles.acceptance(), "",
                r.path("repository").asText() + ":" + r.path("tag").asText(), showAccepted));
    }

    /** Whether a report's image runs as root: NeuVector's image check I.4.1 failed. */
    public static boolean runsAsRoot(JsonNode report) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("test_number").asText().equals("I.4.1") && !check.path("level").asText().equals("PASS")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        runs.keySet().forEach(this::stop);
    }
}
