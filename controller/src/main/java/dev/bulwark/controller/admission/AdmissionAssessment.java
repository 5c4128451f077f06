package dev.bulwark.controller.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.admission.evaluate.AdmissionRequest;
import dev.bulwark.controller.admission.evaluate.MatchedRule;
import dev.bulwark.controller.admission.evaluate.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * NeuVector's rule assessment ({@code POST /v1/assess/admission/rule}): each object of a YAML file judged as if it
 * were created, by the current policy, without counting or auditing it; who creates it is unknown, so the
 * {@code user} and {@code userGroups} criteria cannot match ({@code props_unavailable}).
 */
final class AdmissionAssessment {

    /** {@code RESTAdmCtrlTestRuleInfo}. */
    record RuleInfo(String containerImage, int id, boolean disabled, String type, String mode, String ruleDetails,
            String ruleCfgType) {}

    /** {@code RESTAdmCtrlRulesTestResult}. */
    record Result(int index, String name, String kind, String message, List<RuleInfo> matchedRules,
            boolean allowed) {}

    /** {@code RESTAdmCtrlRulesTestResults}. */
    record Results(List<String> propsUnavailable, String globalMode, List<Result> results) {}

    private AdmissionAssessment() {}

    static Results assess(AdmissionWebhook webhook, byte[] yaml) {
        List<Result> results = new ArrayList<>();
        for (JsonNode object : YamlDocuments.read(yaml)) {
            JsonNode metadata = object.path("metadata");
            String kind = object.path("kind").asText();
            String name = metadata.path("name").asText();
            AdmissionRequest request = new AdmissionRequest(AdmissionWebhook.API_VERSION, UUID.randomUUID().toString(),
                    kind, "CREATE", metadata.path("namespace").asText("default"), name, "", List.of(), object);
            Verdict v = webhook.judge(request);
            String message = v.message().isEmpty() ? "<Assessment> Creation of Kubernetes %s is %s.".formatted(kind,
                    v.allowed() ? "allowed" : "denied") : v.message();
            results.add(new Result(results.size() + 1, name, kind, message,
                    v.matches().stream().map(AdmissionAssessment::info).toList(), v.allowed()));
        }
        return new Results(List.of("user", "userGroups"), webhook.state().mode(), results);
    }

    private static RuleInfo info(MatchedRule m) {
        return new RuleInfo(m.container(), m.id(), false, m.type().equals("deny") ? "deny" : "allow", m.mode(),
                m.details(), "user_created");
    }
}
