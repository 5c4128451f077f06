package dev.bulwark.controller.admission;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The body of {@code GET /v1/admission/options} ({@code RESTAdmissionConfigData} with {@code admission_options}):
 * which criterion takes which operators and values in deny and in exception rules, NeuVector's PSP and PSS
 * collections, the value types of {@code customPath} criteria and the predefined risky roles. These are
 * NeuVector's facts, so that clients build the rules its server would take. Maps are sorted by key, as Go writes them.
 */
final class AdmissionOptions {

    private static final List<String> ALL_SET = List.of("containsAll", "containsAny", "notContainsAny",
            "containsOtherThan");
    private static final List<String> ANY_SET = List.of("containsAny", "notContainsAny");
    private static final List<String> BOOL = List.of("true", "false");
    private static final List<String> EQ = List.of("=");
    private static final List<String> GE = List.of(">=");
    private static final List<String> LE_GE = List.of("<=", ">=");
    private static final List<String> USER_GROUPS = List.of("containsAll", "containsAny", "notContainsAny",
            "containsOtherThan", "regex", "!regex");

    private AdmissionOptions() {}

    /** {@code RESTAdmissionRuleOption}. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Option(@JsonInclude(JsonInclude.Include.ALWAYS) String name,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<String> ops, List<String> values, String matchSrc,
            SortedMap<String, Option> subOptions) {

        static Option of(String name, List<String> ops, String matchSrc, List<String> values, Option... sub) {
            return new Option(name, ops, values, matchSrc, sorted(List.of(sub)));
        }

        static Option of(String name, List<String> ops, String matchSrc) {
            return of(name, ops, matchSrc, List.of());
        }
    }

    /** {@code RESTAdmRuleOptions} within {@code RESTAdmCatOptions}. */
    record CategoryOptions(K8sOptions k8sOptions) {}

    record K8sOptions(SortedMap<String, Option> ruleOptions) {}

    record Criterion(String name, String op, String value) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record RuleTypeOptions(@JsonInclude(JsonInclude.Include.ALWAYS) CategoryOptions denyOptions,
            @JsonInclude(JsonInclude.Include.ALWAYS) CategoryOptions exceptionOptions, List<Criterion> pspCollection,
            SortedMap<String, List<String>> pssCollections, List<String> sigstoreVerifiers) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record CustomCriteriaOption(@JsonInclude(JsonInclude.Include.ALWAYS) List<String> ops, List<String> values,
            @JsonProperty("valuetype") String valueType) {}

    /** The whole reply; {@code k8s_env} is false as on any NeuVector controller outside Kubernetes. */
    record Reply(Object admissionOptions, boolean k8sEnv, List<CustomCriteriaOption> admissionCustomCriteriaOptions,
            List<String> predefinedRiskyRoles) {}

    static Reply reply() {
        List<Criterion> psp = List.of("runAsPrivileged", "runAsRoot", "sharePidWithHost", "shareIpcWithHost",
                "shareNetWithHost", "allowPrivEscalation").stream().map(n -> new Criterion(n, "=", "true")).toList();
        SortedMap<String, List<String>> pss = new TreeMap<>();
        for (PssViolation v : PssViolation.values()) {
            pss.computeIfAbsent(v.level().value(), _ -> new java.util.ArrayList<>()).add(v.text());
        }
        RuleTypeOptions options = new RuleTypeOptions(new CategoryOptions(new K8sOptions(DENY)),
                new CategoryOptions(new K8sOptions(EXCEPTION)), psp, pss, List.of());
        List<CustomCriteriaOption> custom = List.of(
                new CustomCriteriaOption(List.of("exist", "notExist"), List.of(), "key"),
                new CustomCriteriaOption(List.of("exist", "notExist", "containsAll", "containsAny", "notContainsAny",
                        "containsOtherThan"), List.of(), "string"),
                new CustomCriteriaOption(List.of("exist", "notExist", "=", "!=", ">=", ">", "<="), List.of(), "number"),
                new CustomCriteriaOption(List.of("exist", "notExist", "="), BOOL, "boolean"));
        return new Reply(options, false, custom, List.of("risky_role_any_action_rbac",
                "risky_role_any_action_workload", "risky_role_create_pod", "risky_role_exec_into_container",
                "risky_role_view_secret"));
    }

    /** The criteria both rule types share, with the operators of an exception rule for the CVE counts. */
    private static List<Option> common() {
        return List.of(Option.of("image", ANY_SET, "yaml"), Option.of("imageRegistry", ANY_SET, "yaml"),
                Option.of("namespace", ANY_SET, "yaml"),
                Option.of("user", List.of("containsAny", "notContainsAny", "regex", "!regex"), "yaml"),
                Option.of("userGroups", USER_GROUPS, "yaml"), Option.of("labels", ALL_SET, "both"),
                Option.of("annotations", ALL_SET, "yaml"), Option.of("mountVolumes", ALL_SET, "yaml"),
                Option.of("envVars", ALL_SET, "both"), Option.of("cveNames", ALL_SET, "image"),
                Option.of("imageScanned", EQ, "image", BOOL), Option.of("runAsPrivileged", EQ, "yaml", BOOL),
                Option.of("runAsRoot", EQ, "both", BOOL), Option.of("imageSigned", EQ, "image", BOOL),
                Option.of("imageCompliance", EQ, "image", BOOL), Option.of("envVarSecrets", EQ, "yaml", BOOL),
                Option.of("modules", ALL_SET, "image"),
                Option.of("imageVerifiers", List.of("containsAll", "containsAny", "notContainsAny"), "image"));
    }

    private static final List<String> CVE_COUNTS = List.of("cveCriticalCount", "cveHighCount",
            "cveHighCountNoCritical", "cveMediumCount", "cveCriticalWithFixCount", "cveHighWithFixCount",
            "cveHighWithFixCountNoCritical");

    private static final SortedMap<String, Option> DENY = deny();
    private static final SortedMap<String, Option> EXCEPTION = exception();

    /** The option of a criterion in rules of a type ({@code deny} or {@code exception}). */
    static java.util.Optional<Option> option(String ruleType, String name) {
        return java.util.Optional.ofNullable(("exception".equals(ruleType) ? EXCEPTION : DENY).get(name));
    }

    private static SortedMap<String, Option> deny() {
        Option publishDays = Option.of("publishDays", GE, null);
        List<Option> all = new java.util.ArrayList<>(common());
        CVE_COUNTS.forEach(n -> all.add(Option.of(n, GE, "image", List.of(), publishDays)));
        all.add(Option.of("cveScoreCount", GE, "image", List.of(), Option.of("count", GE, null)));
        List<String> limitOps = List.of(">", "<=");
        all.addAll(List.of(Option.of("imageNoOS", EQ, "image", BOOL), Option.of("sharePidWithHost", EQ, "yaml", BOOL),
                Option.of("shareIpcWithHost", EQ, "yaml", BOOL), Option.of("shareNetWithHost", EQ, "yaml", BOOL),
                Option.of("allowPrivEscalation", EQ, "yaml", List.of("true")),
                Option.of("pspCompliance", EQ, "both", List.of("true")),
                Option.of("resourceLimit", List.of(), "yaml", List.of(), Option.of("cpuRequest", limitOps, null),
                        Option.of("cpuLimit", limitOps, null), Option.of("memoryRequest", limitOps, null),
                        Option.of("memoryLimit", limitOps, null)),
                Option.of("violatePssPolicy", EQ, "both", List.of("restricted", "baseline")),
                Option.of("customPath", List.of(), "yaml"), Option.of("saBindRiskyRole", List.of("containsTagAny"),
                        "yaml"), Option.of("storageClassName", ANY_SET, "yaml")));
        return sorted(all);
    }

    private static SortedMap<String, Option> exception() {
        List<Option> all = new java.util.ArrayList<>(common());
        CVE_COUNTS.forEach(n -> all.add(Option.of(n, LE_GE, "image")));
        return sorted(all);
    }

    private static SortedMap<String, Option> sorted(List<Option> options) {
        SortedMap<String, Option> map = new TreeMap<>();
        options.forEach(o -> map.put(o.name(), o));
        return map;
    }
}
