package dev.bulwark.controller.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.admission.evaluate.AdmissionRequest;
import dev.bulwark.controller.admission.evaluate.Verdict;
import dev.bulwark.controller.audit.EventLog;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's verdicts in NeuVector's audit log ({@code /v1/log/audit}): {@code Admission.Control.Allowed} (an
 * exception rule matched), {@code Admission.Control.Violation} (a deny rule in monitor mode) and
 * {@code Admission.Control.Denied}, with the namespace, images, user and message in NeuVector's audit fields.
 *
 * <p>Aggregated as NeuVector aggregates the pods of one owner: the first verdict of a kind for the same owner
 * (its controller's uid, else the object), namespace and images is recorded at once; the same verdict again within
 * {@link #WINDOW} is only counted, and recorded once when the window ends ({@code count}, {@code aggregation_from}),
 * so that thousands of reviews a second make a handful of records. At most {@link #MAX_OPEN} aggregates are open;
 * beyond, verdicts are aggregated by name only. Thread-safe.
 */
final class AdmissionAudit implements AutoCloseable {

    static final String ALLOWED = "Admission.Control.Allowed";
    static final String VIOLATION = "Admission.Control.Violation";
    static final String DENIED = "Admission.Control.Denied";
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_OPEN = 4096;

    /** A record made and the repeats counted since. */
    private static final class Aggregate {
        final ObjectNode first;
        final long since;
        long repeats;

        Aggregate(ObjectNode first, long since) {
            this.first = first;
            this.since = since;
        }
    }

    private final EventLog audits;
    private final InstantSource clock;
    private final Map<String, Aggregate> open = new LinkedHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("admission-audit").factory());

    AdmissionAudit(EventLog audits, InstantSource clock) {
        this.audits = audits;
        this.clock = clock;
        flusher.scheduleWithFixedDelay(this::flush, 5, 5, TimeUnit.SECONDS);
    }

    /** Records a verdict that the audit log keeps: an exception rule's allowance, a violation, a denial. */
    void record(AdmissionRequest request, Verdict verdict) {
        Optional<String> name = switch (verdict.outcome()) {
            case ALLOWED_BY_RULE -> Optional.of(ALLOWED);
            case VIOLATION -> Optional.of(VIOLATION);
            case DENIED -> Optional.of(DENIED);
            case ALLOWED_BY_DEFAULT, IGNORED -> Optional.empty();
        };
        name.ifPresent(n -> record(n, request, verdict.message().isEmpty()
                ? String.join(" ", verdict.warnings()) : verdict.message()));
    }

    private void record(String name, AdmissionRequest request, String message) {
        String images = String.join(",", PodSpecs.images(request.object()));
        String owner = request.object().path("metadata").path("ownerReferences").path(0).path("uid")
                .asText(request.kind() + "/" + request.name());
        String key = String.join("\n", name, request.namespace(), owner, images);
        long now = clock.millis();
        synchronized (open) {
            Aggregate a = open.get(key);
            if (a == null && open.size() >= MAX_OPEN) {
                key = name;
                a = open.get(key);
            }
            if (a != null) {
                a.repeats++;
                return;
            }
            ObjectNode record = audits.newRecord(name, switch (name) {
                case ALLOWED -> "Info";
                case VIOLATION -> "Warning";
                default -> "Critical";
            });
            record.put("workload_domain", request.namespace());
            record.put("workload_image", images);
            record.put("user", request.user());
            record.put("message", message);
            record.put("critical_vul_cnt", 0).put("high_vul_cnt", 0).put("medium_vul_cnt", 0);
            record.put("category", "ADMISSION");
            open.put(key, new Aggregate(record.deepCopy(), now));
            audits.add(record.put("count", 1));
        }
    }

    /** Records the repeats of every aggregate whose window ended, and closes it. */
    void flush() {
        long now = clock.millis();
        synchronized (open) {
            for (Iterator<Aggregate> i = open.values().iterator(); i.hasNext();) {
                Aggregate a = i.next();
                if (now - a.since < WINDOW.toMillis()) {
                    continue;
                }
                i.remove();
                if (a.repeats > 0) {
                    ObjectNode record = audits.newRecord(a.first.path("name").asText(),
                            a.first.path("level").asText());
                    a.first.fields().forEachRemaining(f -> {
                        if (!f.getKey().startsWith("reported")) {
                            record.set(f.getKey(), f.getValue());
                        }
                    });
                    record.put("count", a.repeats).put("aggregation_from", a.since / 1000);
                    audits.add(record);
                }
            }
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
    }
}
