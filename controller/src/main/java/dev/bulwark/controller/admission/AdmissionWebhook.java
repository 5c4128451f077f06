package dev.bulwark.controller.admission;

import dev.bulwark.controller.admission.AdmissionStats.Result;
import dev.bulwark.controller.admission.evaluate.AdmissionEvaluator;
import dev.bulwark.controller.admission.evaluate.AdmissionRequest;
import dev.bulwark.controller.admission.evaluate.ImageFactsSource;
import dev.bulwark.controller.admission.evaluate.InvalidReview;
import dev.bulwark.controller.admission.evaluate.Reviews;
import dev.bulwark.controller.admission.evaluate.Verdict;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.domain.Records;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Judges AdmissionReviews: parses the review, evaluates it against the {@link CurrentPolicy current policy} within
 * {@link #BUDGET}, counts it ({@link AdmissionStats}), audits it ({@link AdmissionAudit}) and answers. Whatever
 * goes wrong, the answer is a well-formed AdmissionReview: a review that cannot be judged (malformed, not
 * read in time, too large, or an evaluation that failed) is allowed or denied as the state's
 * {@code failure_policy} says, and counted as erroneous. Knows nothing of HTTP ({@link WebhookServer} does).
 * Thread-safe.
 */
public final class AdmissionWebhook implements AutoCloseable {

    /**
     * The time a review's evaluation has, scan lookups included: well under the API server's default timeout of
     * 10 s, with room for reading the body ({@link WebhookServer#READ_TIME}) and the way back.
     */
    public static final Duration BUDGET = Duration.ofMillis(2500);
    /** NeuVector's namespace, whose objects the policy lets through and the webhook configuration leaves out. */
    public static final String NAMESPACE = "neuvector";
    static final String API_VERSION = "admission.k8s.io/v1";

    private static final System.Logger LOG = System.getLogger(AdmissionWebhook.class.getName());

    private final CurrentPolicy policy;
    private final AdmissionEvaluator evaluator;
    private final AdmissionStats stats = new AdmissionStats();
    private final AdmissionAudit audit;

    public AdmissionWebhook(AdmissionRules rules, Records records, ImageFactsSource facts, EventLog audits,
            InstantSource clock) {
        this.evaluator = new AdmissionEvaluator(facts, clock.withZone(ZoneOffset.UTC));
        this.audit = new AdmissionAudit(audits, clock);
        this.policy = new CurrentPolicy(rules, records, NAMESPACE);
    }

    /** The answer to a review posted to the validating path; counted and audited. */
    public byte[] review(byte[] body) {
        stats.started();
        Result result = Result.ERRONEOUS;
        CurrentPolicy.Compiled current = policy.get();
        String apiVersion = API_VERSION;
        String uid = "";
        try {
            AdmissionRequest request = Reviews.parse(body);
            apiVersion = request.apiVersion();
            uid = request.uid();
            if (!Boolean.TRUE.equals(current.state().enable())) {
                result = Result.IGNORED;
                return new ReviewReply(apiVersion, uid, true, "", List.of()).json();
            }
            Verdict verdict = evaluator.evaluate(current.policy(), request, BUDGET);
            result = switch (verdict.outcome()) {
                case ALLOWED_BY_DEFAULT, ALLOWED_BY_RULE, VIOLATION -> Result.ALLOWED;
                case DENIED -> Result.DENIED;
                case IGNORED -> Result.IGNORED;
            };
            audit.record(request, verdict);
            return new ReviewReply(apiVersion, uid, verdict.allowed(), verdict.message(), verdict.warnings()).json();
        } catch (InvalidReview e) {
            return unjudged(current.state(), e.apiVersion(), e.uid().orElse(""), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "review %s could not be judged".formatted(uid), e);
            return unjudged(current.state(), apiVersion, uid, "the review could not be judged");
        } finally {
            stats.ended(result);
        }
    }

    /** The answer to a review whose body could not be read ({@code why}); counted as erroneous. */
    public byte[] unreadable(String why) {
        stats.started();
        try {
            return unjudged(policy.get().state(), API_VERSION, "", why);
        } finally {
            stats.ended(Result.ERRONEOUS);
        }
    }

    /**
     * The answer to a review posted to NeuVector's status path ({@code /v1/nvstatus/...}), whose webhook sees only
     * NeuVector's own services and which NeuVector's controller always allows, without counting it.
     */
    public byte[] status(byte[] body) {
        try {
            AdmissionRequest request = Reviews.parse(body);
            return new ReviewReply(request.apiVersion(), request.uid(), true, "", List.of()).json();
        } catch (InvalidReview e) {
            return new ReviewReply(e.apiVersion(), e.uid().orElse(""), true, "", List.of()).json();
        }
    }

    /** Allowed or denied as the failure policy says, with the reason. */
    private static byte[] unjudged(AdmissionRules.State state, String apiVersion, String uid, String why) {
        String message = "Bulwark admission control could not judge this request: " + why;
        return state.failClosed() ? new ReviewReply(apiVersion, uid, false, message, List.of()).json()
                : new ReviewReply(apiVersion, uid, true, "", List.of(message + " (allowed: failure policy ignore)"))
                        .json();
    }

    /** The verdict of the current policy on a request, neither counted nor audited (an assessment's). */
    public Verdict judge(AdmissionRequest request) {
        return evaluator.evaluate(policy.get().policy(), request, BUDGET);
    }

    /** The state the current policy was compiled from. */
    public AdmissionRules.State state() {
        return policy.get().state();
    }

    public AdmissionStats.View stats() {
        return stats.view();
    }

    @Override
    public void close() {
        policy.close();
        audit.close();
    }
}
