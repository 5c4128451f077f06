package dev.bulwark.controller.admission.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.admission.AdmissionRules;
import dev.bulwark.core.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds requests, rules and policies for the evaluation tests, and a scan source that records what it is asked. */
final class Admissions {

    static final ObjectMapper JSON = Json.lenient();
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Admissions() {}

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A Pod named web in namespace default with this spec, created by alice. */
    static AdmissionRequest pod(String spec) {
        return request("Pod", "{\"metadata\": {\"name\": \"web\", \"namespace\": \"default\"}, \"spec\": %s}"
                .formatted(spec));
    }

    /** A Pod with one container named app of this image and container fields. */
    static AdmissionRequest container(String image, String fields) {
        return pod("{\"containers\": [{\"name\": \"app\", \"image\": \"%s\"%s}]}".formatted(image,
                fields.isEmpty() ? "" : ", " + fields));
    }

    static AdmissionRequest request(String kind, String object) {
        return new AdmissionRequest("admission.k8s.io/v1", "uid-1", kind, "CREATE", "default", "web", "alice",
                List.of("dev", "system:authenticated"), json(object));
    }

    static AdmissionRequest in(String namespace, AdmissionRequest r) {
        return new AdmissionRequest(r.apiVersion(), r.uid(), r.kind(), r.operation(), namespace, r.name(), r.user(),
                r.groups(), r.object());
    }

    static AdmissionRules.Criterion criterion(String name, String op, String value,
            AdmissionRules.Criterion... subs) {
        return new AdmissionRules.Criterion(name, op, value, subs.length == 0 ? null : List.of(subs), null, null,
                null, null);
    }

    static AdmissionRules.Rule deny(int id, AdmissionRules.Criterion... criteria) {
        return rule(id, "deny", "", List.of("containers"), criteria);
    }

    static AdmissionRules.Rule exception(int id, AdmissionRules.Criterion... criteria) {
        return rule(id, "exception", "", List.of("containers"), criteria);
    }

    static AdmissionRules.Rule rule(int id, String type, String mode, List<String> containers,
            AdmissionRules.Criterion... criteria) {
        return new AdmissionRules.Rule(id, "Kubernetes", "", List.of(criteria), false, false, "user_created", type,
                mode, containers, null);
    }

    static AdmissionRules.State state(String mode, String defaultAction) {
        return new AdmissionRules.State(true, mode, defaultAction, "service", null, null, null, null);
    }

    static AdmissionPolicy protect(AdmissionRules.Rule... rules) {
        return AdmissionPolicy.compile(state("protect", "allow"), Arrays.asList(rules), "bulwark");
    }

    static AdmissionPolicy monitor(AdmissionRules.Rule... rules) {
        return AdmissionPolicy.compile(state("monitor", "allow"), Arrays.asList(rules), "bulwark");
    }

    static ImageFacts facts(String user, List<ImageFacts.Cve> cves) {
        return new ImageFacts(true, true, user, cves, List.of("openssl", "curl"), false, false, List.of());
    }

    static ImageFacts.Cve cve(String name, String severity, double score, boolean fixed, int daysOld) {
        return new ImageFacts.Cve(name, severity, score, fixed, NOW.getEpochSecond() - daysOld * 86_400L, "pkg");
    }

    /** Scans by normalised reference; anything else is not scanned. Records every question. */
    static final class Scans implements ImageFactsSource {

        final Map<String, ImageFacts> byImage = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        final List<Duration> budgets = new ArrayList<>();

        Scans with(String image, ImageFacts facts) {
            byImage.put(image, facts);
            return this;
        }

        @Override
        public ImageFacts facts(String image, Duration budget) {
            asked.add(image);
            budgets.add(budget);
            return byImage.getOrDefault(image, ImageFacts.unscanned());
        }
    }

    static Verdict evaluate(AdmissionPolicy policy, AdmissionRequest request) {
        return evaluate(policy, request, new Scans());
    }

    static Verdict evaluate(AdmissionPolicy policy, AdmissionRequest request, Scans scans) {
        return new AdmissionEvaluator(scans, CLOCK).evaluate(policy, request, Duration.ofSeconds(5));
    }

    /** Whether a protect-mode deny rule of this one criterion denies the request (with these scans). */
    static boolean denies(AdmissionRules.Criterion criterion, AdmissionRequest request, Scans scans) {
        return !evaluate(protect(deny(1000, criterion)), request, scans).allowed();
    }

    static boolean denies(AdmissionRules.Criterion criterion, AdmissionRequest request) {
        return denies(criterion, request, new Scans());
    }
}
