package dev.bulwark.controller.admission;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the webhook answered since the controller started, as {@code GET /v1/admission/stats} shows it: reviews
 * allowed, denied, ignored (admission control off, or an operation it does not judge) and erroneous (a review that
 * could not be judged, answered by the failure policy), and how many are being judged now. Thread-safe.
 */
public final class AdmissionStats {

    /** How a review ended, for the counts. */
    public enum Result { ALLOWED, DENIED, IGNORED, ERRONEOUS }

    private final LongAdder allowed = new LongAdder();
    private final LongAdder denied = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder erroneous = new LongAdder();
    private final AtomicLong processing = new AtomicLong();

    /** {@code RESTAdmissionStats}; no Jenkins plugin asks this controller, so its counts stay zero. */
    public record View(long k8sAllowedRequests, long k8sDeniedRequests, long k8sErroneousRequests,
            long k8sIgnoredRequests, long k8sProcessingRequests, long jenkinsAllowedRequests,
            long jenkinsDeniedRequests, long jenkinsErroneousRequests) {}

    /** A review came in; {@link #ended} must follow. */
    void started() {
        processing.incrementAndGet();
    }

    void ended(Result result) {
        processing.decrementAndGet();
        (switch (result) {
            case ALLOWED -> allowed;
            case DENIED -> denied;
            case IGNORED -> ignored;
            case ERRONEOUS -> erroneous;
        }).increment();
    }

    public View view() {
        return new View(allowed.sum(), denied.sum(), erroneous.sum(), ignored.sum(), processing.get(), 0, 0, 0);
    }
}
