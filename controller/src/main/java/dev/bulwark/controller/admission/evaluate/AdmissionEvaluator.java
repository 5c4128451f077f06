package dev.bulwark.controller.admission.evaluate;

import dev.bulwark.controller.admission.evaluate.Verdict.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates admission requests against an {@link AdmissionPolicy}, in NeuVector's stages
 * ({@code controller/rest/admwebhook.go} {@code validate}, {@code controller/cache/admission.go}):
 * <ol>
 * <li>admission control off, an operation other than CREATE and UPDATE, or a kind without a pod: ignored, allowed;
 * so is a Pod that has an owner and already runs (its owner was judged);</li>
 * <li>the default allow rules (system namespaces and Bulwark's own): allowed;</li>
 * <li>then each container the rules inspect, init containers first: the exception rules in id order, then the deny
 * rules; the first exception rule that matches allows the container, a deny rule in monitor mode is a violation
 * (a warning) and evaluation goes on, a deny rule in protect mode denies the request and ends it. A
 * PersistentVolumeClaim meets the deny rules alone, on its namespace and storage class;</li>
 * <li>a request no rule decided gets the default action, which in monitor mode only warns.</li>
 * </ol>
 * Messages are NeuVector's: {@code Creation of Kubernetes Pod resource (web) is denied because of deny rule id 1001
 * with criteria: ...}. Thread-safe; never throws for a request {@link Reviews#parse} returned.
 */
public final class AdmissionEvaluator {

    private final ImageFactsSource scans;
    private final Clock clock;

    public AdmissionEvaluator(ImageFactsSource scans, Clock clock) {
        this.scans = Objects.requireNonNull(scans, "scans");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Evaluates the request; image scans are asked for within {@code budget} from now. */
    public Verdict evaluate(AdmissionPolicy policy, AdmissionRequest request, Duration budget) {
        if (!policy.enabled()) {
            return ignored("Admission control is disabled.");
        }
        String operation = switch (request.operation()) {
            case "CREATE" -> "Creation";
            case "UPDATE" -> "Update";
            default -> "";
        };
        if (operation.isEmpty()) {
            return ignored("%s of Kubernetes %s is not evaluated.".formatted(request.operation(), request.kind()));
        }
        Optional<PodView> read = PodView.read(request);
        if (read.isEmpty()) {
            return ignored("Kubernetes %s is not evaluated.".formatted(request.kind()));
        }
        PodView pod = read.get();
        if (pod.kind().equals("Pod") && pod.owned()
                && Nodes.textOrEmpty(Nodes.object(request.object(), "status"), "phase").equals("Running")) {
            return ignored("Kubernetes Pod %s of a workload already runs.".formatted(pod.meta().name()));
        }
        Instant now = clock.instant();
        ScanLookup lookup = new ScanLookup(scans, clock, now.plus(budget));
        Run run = new Run(policy, "%s of Kubernetes %s resource (%s)".formatted(operation, pod.kind(),
                pod.meta().name()), lookup);
        Subject whole = new Subject(request, pod, null, lookup, now);
        for (CompiledRule rule : policy.defaults()) {
            Optional<String> details = rule.match(whole);
            if (details.isPresent()) {
                run.allow(rule, "", details.get());
                return run.verdict();
            }
        }
        if (pod.claim()) {
            run.judge(policy.denies(), whole);
        } else {
            for (ContainerView c : pod.containers()) {
                Subject s = new Subject(request, pod, c, lookup, now);
                if (!run.judge(policy.exceptions(), s)) {
                    run.judge(policy.denies(), s);
                }
                if (run.denied()) {
                    break;
                }
            }
        }
        return run.verdict();
    }

    private static Verdict ignored(String message) {
        return new Verdict(true, message, List.of(), List.of(), Outcome.IGNORED);
    }

    /** The matches of one request and the message they make. */
    private static final class Run {

        private final AdmissionPolicy policy;
        private final String header;
        private final ScanLookup lookup;
        private final List<MatchedRule> matches = new ArrayList<>();
        private final List<String> violations = new ArrayList<>();
        private final List<String> allows = new ArrayList<>();
        private String denial = "";

        Run(AdmissionPolicy policy, String header, ScanLookup lookup) {
            this.policy = policy;
            this.header = header;
            this.lookup = lookup;
        }

        boolean denied() {
            return !denial.isEmpty();
        }

        /**
         * Tries the rules on the subject until one decides it: an exception rule that matches, or a deny rule in
         * protect mode. Returns whether one did; a deny rule in monitor mode records a violation and goes on.
         */
        boolean judge(List<CompiledRule> rules, Subject s) {
            for (CompiledRule rule : rules) {
                if (s.container() != null && !rule.inspects(s.container().kind())) {
                    continue;
                }
                Optional<String> details = rule.match(s);
                if (details.isEmpty()) {
                    continue;
                }
                if (!rule.deny()) {
                    allow(rule, s.containerName(), details.get());
                    return true;
                }
                String mode = rule.protect() ? "protect" : "monitor";
                matches.add(new MatchedRule(rule.id(), "deny", mode, s.containerName(), details.get()));
                String violation = "deny rule id %d with criteria: %s".formatted(rule.id(), details.get());
                if (rule.protect()) {
                    denial = "%s is denied because of %s.".formatted(header, violation);
                    return true;
                }
                violations.add("%s violates %s.".formatted(s.container() == null ? "It" : "Container "
                        + s.containerName(), violation));
            }
            return false;
        }

        void allow(CompiledRule rule, String container, String details) {
            matches.add(new MatchedRule(rule.id(), "exception", policy.mode(), container, details));
            allows.add("%s matches allow rule id %d with criteria: %s".formatted(
                    container.isEmpty() ? "it" : "container " + container, rule.id(), details));
        }

        Verdict verdict() {
            List<String> sentences = new ArrayList<>();
            List<String> warnings = new ArrayList<>(violations);
            if (!violations.isEmpty()) {
                sentences.add("%s violates Admission Control monitor-mode rule(s). %s".formatted(header,
                        String.join(" ", violations)));
            }
            Outcome outcome;
            if (denied()) {
                sentences.add(denial);
                outcome = Outcome.DENIED;
            } else if (!allows.isEmpty()) {
                sentences.add("%s is allowed because %s.".formatted(header, String.join(", ", allows)));
                outcome = violations.isEmpty() ? Outcome.ALLOWED_BY_RULE : Outcome.VIOLATION;
            } else if (!policy.defaultDeny()) {
                sentences.add("%s is allowed because it doesn't match any decisive rule.".formatted(header));
                outcome = violations.isEmpty() ? Outcome.ALLOWED_BY_DEFAULT : Outcome.VIOLATION;
            } else if (policy.protect()) {
                sentences.add("%s is denied because it doesn't match any decisive rule and the default action is deny."
                        .formatted(header));
                outcome = Outcome.DENIED;
            } else {
                String warning = "%s doesn't match any decisive rule; the default action deny is in monitor mode."
                        .formatted(header);
                sentences.add(warning);
                warnings.add(warning);
                outcome = Outcome.VIOLATION;
            }
            List<String> unscanned = lookup.unscanned();
            String notice = unscanned.isEmpty() ? ""
                    : " [Notice: the requested image(s) are not scanned: %s]".formatted(String.join(", ", unscanned));
            return new Verdict(outcome != Outcome.DENIED, String.join(" ", sentences) + notice, warnings, matches,
                    outcome);
        }
    }
}
