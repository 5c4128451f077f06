package dev.bulwark.controller.admission;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.domain.Inputs;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Section;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Admission control's configuration: whether it is on, in monitor or protect mode, and the deny and exception
 * rules with NeuVector's criteria names and operators, checked on every write. Rule ids are assigned from 1000 up.
 */
public final class AdmissionRules {

    public static final Kind<State> STATE = Kind.single("admission", "state", State.class, "Admission state",
            Section.POLICY);
    public static final Kind<Rule> RULES = Kind.of("admission/rule", Rule.class, "Admission rule", Section.POLICY);
    static final int FIRST_ID = 1000;
    public static final Set<String> CRITERIA = Set.of("namespace", "user", "userGroups", "image", "imageRegistry", "labels",
            "annotations", "envVars", "envVarSecrets", "mountVolumes", "cveNames", "cveCriticalCount", "cveHighCount",
            "cveHighCountNoCritical", "cveMediumCount", "cveCriticalWithFixCount", "cveHighWithFixCount",
            "cveHighWithFixCountNoCritical", "cveScoreCount", "imageScanned", "imageSigned", "imageVerifiers",
            "imageCompliance", "imageNoOS", "runAsRoot", "runAsPrivileged", "allowPrivEscalation", "sharePidWithHost",
            "shareIpcWithHost", "shareNetWithHost", "pspCompliance", "violatePssPolicy", "resourceLimit", "modules",
            "saBindRiskyRole", "customPath", "storageClassName", "baseImage");
    static final Set<String> OPS = Set.of("=", "!=", "containsAll", "containsAny", "notContainsAny",
            "containsOtherThan", "regex", "!regex", "regexContainsAnyEx", "!regexContainsAnyEx", ">=", ">", "<=",
            "exist", "notExist", "containsTagAny");
    static final Set<String> CONTAINERS = Set.of("containers", "init_containers", "ephemeral_containers");

    private final Records records;

    public AdmissionRules(Records records) {
        this.records = records;
    }

    /**
     * {@code RESTAdmissionState}. Only {@code enable}, {@code mode}, {@code default_action},
     * {@code adm_client_mode} and {@code failure_policy} are settings; the rest is filled in when shown (clients
     * send it back unchanged). {@code ctrl_states} is left out, as NeuVector leaves it out when empty.
     *
     * @param failurePolicy {@code ignore} (a review the webhook cannot judge is allowed, the default) or {@code fail}
     *     (denied), as NeuVector's webhook configuration has it
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record State(Boolean enable, String mode, String defaultAction, String admClientMode, String admSvcType,
            Map<String, Object> admClientModeOptions, Map<String, Object> ctrlStates, String cfgType,
            String failurePolicy) {

        /** A state without a failure policy: the default, {@code ignore}, applies. */
        public State(Boolean enable, String mode, String defaultAction, String admClientMode, String admSvcType,
                Map<String, Object> admClientModeOptions, Map<String, Object> ctrlStates, String cfgType) {
            this(enable, mode, defaultAction, admClientMode, admSvcType, admClientModeOptions, ctrlStates, cfgType,
                    null);
        }

        /** Whether a review that cannot be judged is denied ({@code fail}) rather than allowed. */
        public boolean failClosed() {
            return FAIL.equals(failurePolicy);
        }
    }

    static final String IGNORE = "ignore";
    static final String FAIL = "fail";

    /**
     * How the API server reaches the webhook, per client mode: NeuVector's service name, and its URL on the
     * admission port. Clients show the entry of the current mode and offer the keys.
     */
    private static final Map<String, Object> CLIENT_MODE_OPTIONS = Map.of(
            "service", "neuvector-svc-admission-webhook.neuvector.svc",
            "url", "https://neuvector-svc-admission-webhook.neuvector.svc:20443");

    /** {@code RESTAdmRuleCriterion}. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Criterion(String name, String op, String value, List<Criterion> subCriteria, String type,
            String templateKind, String path, String valueType) {}

    /** {@code RESTAdmissionRule}; {@code actions} is accepted in configs and not kept. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Rule(Integer id, String category, String comment, List<Criterion> criteria, Boolean disable,
            Boolean critical, String cfgType, String ruleType, String ruleMode, List<String> containers,
            List<String> actions) {}

    /** The state as shown: the stored settings (or the defaults) with the fields the server fills in. */
    public State state() {
        return shown(records.find(STATE));
    }

    private static State shown(Optional<State> stored) {
        State s = stored.orElse(new State(false, "monitor", "allow",
                "service", null, null, null, null));
        return new State(s.enable(), s.mode(), s.defaultAction(), s.admClientMode(), "ClusterIP",
                CLIENT_MODE_OPTIONS, null, "user_created", or(s.failurePolicy(), IGNORE));
    }

    /** Sets the settings the change gives (null keeps one); returns the stored settings. */
    public State changeState(State s) {
        return records.upsert(STATE, stored -> changed(shown(stored), s));
    }

    /** The settings of {@code c} with those {@code s} gives, checked. */
    private static State changed(State c, State s) {
        State changed = new State(or(s.enable(), c.enable()), or(s.mode(), c.mode()),
                or(s.defaultAction(), c.defaultAction()), or(s.admClientMode(), c.admClientMode()),
                null, null, null, null, or(s.failurePolicy(), c.failurePolicy()));
        if (!Set.of("monitor", "protect").contains(changed.mode())
                || !Set.of("allow", "deny").contains(changed.defaultAction())
                || !Set.of("service", "url").contains(changed.admClientMode())
                || !Set.of(IGNORE, FAIL).contains(changed.failurePolicy())) {
            throw ApiException.badRequest("mode is monitor or protect, default_action allow or deny,"
                    + " adm_client_mode service or url, failure_policy ignore or fail");
        }
        return changed;
    }

    public List<Rule> list() {
        return records.list(RULES);
    }

    public Rule get(int id) {
        return records.get(RULES, String.valueOf(id));
    }

    public void delete(int id) {
        records.delete(RULES, String.valueOf(id));
    }

    public void deleteAll() {
        records.commit(new Records.Change().deleteAll(RULES), RULES);
    }

    private static Rule checked(Rule r, int id) {
        if (r.ruleType() == null || !Set.of("deny", "exception").contains(r.ruleType())) {
            throw ApiException.badRequest("rule_type is deny or exception");
        }
        String category = r.category() == null || r.category().isEmpty() ? "Kubernetes" : r.category();
        if (!category.equals("Kubernetes")) {
            throw ApiException.badRequest("category is Kubernetes");
        }
        String mode = or(r.ruleMode(), "");
        if (!Set.of("", "monitor", "protect").contains(mode) || !mode.isEmpty() && r.ruleType().equals("exception")) {
            throw ApiException.badRequest("rule_mode is empty, monitor or protect, and only for deny rules");
        }
        List<String> containers = Inputs.list(r.containers(), "containers").isEmpty() ? List.of("containers")
                : r.containers();
        if (!CONTAINERS.containsAll(containers)) {
            throw ApiException.badRequest("containers are among " + CONTAINERS);
        }
        List<Criterion> criteria = Inputs.list(r.criteria(), "criteria");
        if (criteria.isEmpty() || criteria.size() > 64) {
            throw ApiException.badRequest("A rule has 1 to 64 criteria");
        }
        criteria.forEach(c -> check(c, r.ruleType()));
        String comment = or(r.comment(), "");
        if (comment.length() > 1024) {
            throw ApiException.badRequest("Comments are at most 1024 characters");
        }
        return new Rule(id, category, comment, criteria, Boolean.TRUE.equals(r.disable()),
                Boolean.TRUE.equals(r.critical()), "user_created", r.ruleType(), mode, containers, null);
    }

    /**
     * Checks a criterion against NeuVector's names and operators. A criterion whose option has no operators
     * ({@code resourceLimit}) is made of its sub-criteria; sub-criteria are those its option offers
     * ({@code publishDays} under a CVE count, {@code count} under {@code cveScoreCount}, the limits under
     * {@code resourceLimit}).
     */
    private static void check(Criterion c, String ruleType) {
        if (c == null || c.name() == null) {
            throw ApiException.badRequest("Criteria need a name");
        }
        if (!CRITERIA.contains(c.name())) {
            throw ApiException.badRequest("Unknown criterion '%s'".formatted(c.name()));
        }
        Optional<AdmissionOptions.Option> option = AdmissionOptions.option(ruleType, c.name());
        boolean composite = option.map(o -> o.ops().isEmpty() && !o.subOptions().isEmpty()).orElse(false);
        if (!composite) {
            checkTest(c.name(), c.op(), c.value());
        }
        List<Criterion> subCriteria = Inputs.list(c.subCriteria(), "sub_criteria");
        if (composite && subCriteria.isEmpty()) {
            throw ApiException.badRequest("'%s' needs sub-criteria".formatted(c.name()));
        }
        for (Criterion sub : subCriteria) {
            AdmissionOptions.Option subOption = option.map(o -> o.subOptions().get(sub.name())).orElse(null);
            if (subOption == null) {
                throw ApiException.badRequest("'%s' takes no sub-criterion '%s'".formatted(c.name(), sub.name()));
            }
            if (!subOption.ops().contains(sub.op())) {
                throw ApiException.badRequest("'%s' takes the operators %s".formatted(sub.name(), subOption.ops()));
            }
            checkTest(sub.name(), sub.op(), sub.value());
        }
    }

    /** An operator and a value: known, bounded, a valid regular expression or a count where one is needed. */
    private static void checkTest(String name, String op, String value) {
        if (op == null || value == null) {
            throw ApiException.badRequest("Criteria need name, op and value");
        }
        if (!OPS.contains(op)) {
            throw ApiException.badRequest("Unknown operator '%s'".formatted(op));
        }
        if (value.length() > 4096) {
            throw ApiException.badRequest("Criterion values are at most 4096 characters");
        }
        if (op.toLowerCase(java.util.Locale.ROOT).contains("regex")) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest("Invalid regular expression: " + e.getDescription());
            }
        }
        boolean count = name.endsWith("Count") && !name.equals("cveScoreCount") || name.equals("publishDays")
                || name.equals("count");
        if (count && (op.equals(">=") || op.equals(">") || op.equals("<="))) {
            try {
                if (Integer.parseInt(value) < 0) {
                    throw ApiException.badRequest("Counts are not negative");
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("'%s' compares with a number".formatted(name));
            }
        }
    }

    /** Adds a rule with the next free id, from 1000 up; returns it. */
    public Rule create(Rule in) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int id = Math.max(FIRST_ID, list().stream().mapToInt(Rule::id).max().orElse(FIRST_ID - 1) + 1);
            Rule r = checked(in, id);
            if (records.seed(RULES, String.valueOf(id), r)) {
                return r;
            }
        }
        throw new ApiException(409, ApiError.FAIL_WRITE_CLUSTER, "Rules changed meanwhile; retry");
    }

    /**
     * Replaces every rule with {@code rules} (ids from 1000 up, in order) and, when given, changes the state as
     * {@link #changeState} does, in one transaction: every rule and the state are checked first, so a bad one changes
     * nothing.
     */
    public void replace(Optional<State> state, List<Rule> rules) {
        Records.Change change = new Records.Change().deleteAll(RULES);
        for (int i = 0; i < rules.size(); i++) {
            try {
                change.put(RULES, String.valueOf(FIRST_ID + i), checked(rules.get(i), FIRST_ID + i));
            } catch (ApiException e) {
                throw ApiException.badRequest("Rule %d: %s".formatted(i + 1, e.getMessage()));
            }
        }
        if (state.isPresent()) {
            change.put(STATE, STATE.id(), changed(shown(records.find(STATE)), state.get()));
        }
        records.commit(change, RULES);
    }

    /** Replaces the rule of the config's id. */
    public void update(Rule in) {
        records.update(RULES, String.valueOf(in.id()), current -> checked(in, in.id()));
    }
}
