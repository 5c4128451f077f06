package dev.bulwark.controller.runtime;

import dev.bulwark.controller.SystemConfigs;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.domain.Inputs;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.ProcessProfiles;
import dev.bulwark.controller.policy.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NeuVector's services: the learned groups of containers ({@code nv.<service>[.<namespace>]}), made when an
 * enforcer reports a service's first container or ahead of it through {@code POST /v1/service}, with the modes and
 * process baseline a caller sets on several at once.
 *
 * <p>Modes: a group's policy mode is NeuVector's network mode (enforced with the network stage); its profile mode is
 * what enforcers apply to processes and files. A change that sets the policy mode without a profile mode sets both,
 * as NeuVector's console does (its REST server alone would leave the profile mode as it was, so that the CLI's
 * {@code set service X policy-mode protect} would not protect the processes); {@code /config/network} sets only the
 * policy mode, {@code /config/profile} only the profile mode and baseline. {@code not_scored} is read and ignored:
 * no security score is computed.
 */
public final class LearnedServices {

    static final Set<String> MODES = Set.of("Discover", "Monitor", "Protect");
    static final String PREFIX = "nv.";
    static final String NODES = "nodes";

    private final Policy policy;
    private final ProcessProfiles profiles;
    private final SystemConfigs systemConfigs;

    public LearnedServices(Policy policy, ProcessProfiles profiles, SystemConfigs systemConfigs) {
        this.policy = policy;
        this.profiles = profiles;
        this.systemConfigs = systemConfigs;
    }

    /** {@code RESTServiceConfig}, with Go's {@code profile_mode}: a service made ahead of its containers. */
    public record NewService(String name, String domain, String comment, String policyMode, String profileMode,
            String baselineProfile, Boolean notScored) {}

    /** {@code RESTServiceBatchConfig}, with Go's {@code profile_mode}: null leaves a setting as it is. */
    public record ModeChange(List<String> services, String policyMode, String profileMode, String baselineProfile,
            Boolean notScored) {}

    /** What a batch change may set: all, the network mode ({@code /config/network}), the profile's. */
    public enum Scope { ALL, NETWORK, PROFILE }

    /** A service: a container group learned (or imported from a CRD, {@code ground}) under {@code nv.}. */
    public static boolean isService(Group g) {
        return g.name().startsWith(PREFIX) && g.kind().equals("container")
                && (g.cfgType().equals("learned") || g.cfgType().equals("ground"));
    }

    /** How many services there are. */
    public int count() {
        return (int) policy.groups().stream().filter(LearnedServices::isService).count();
    }

    /** The services the caller may see, by name. */
    public List<Group> visible(Principal p) {
        return policy.groups().stream().filter(g -> isService(g) && readable(p, g.createrDomains()))
                .sorted(Comparator.comparing(Group::name)).toList();
    }

    /** A service by its name (without {@code nv.}) that the caller may see; else 404, as if it did not exist. */
    public Group visible(Principal p, String name) {
        return policy.group(PREFIX + name).filter(g -> isService(g) && readable(p, g.createrDomains()))
                .orElseThrow(() -> ApiException.notFound("Service"));
    }

    /** The baseline of the group's process profile. */
    public String baseline(Group g) {
        return profiles.profile(g).baseline();
    }

    /** The network rules from or to the group that the caller may see, in rule order. */
    public List<Rule> rules(Principal p, Group g) {
        return policy.orderedRules().stream().filter(r -> (r.from().equals(g.name()) || r.to().equals(g.name()))
                && readable(p, policy.domainsOf(r))).toList();
    }

    private static boolean readable(Principal p, List<String> domains) {
        return Policy.allowed(p, Permissions.RT_POLICY, false, domains);
    }

    /**
     * Makes a service's learned group, {@code nv.<name>.<domain>}: modes and baseline left out are those new
     * services get ({@code new_service_policy_mode}, {@code new_service_profile_baseline}), a profile mode left out
     * follows the policy mode. 400 (duplicate name) when it exists, 403 when the caller may not write there.
     */
    public Group create(Principal p, NewService s) {
        if (s.name() == null || s.name().isBlank()) {
            throw ApiException.invalidName("A service needs a name");
        }
        String domain = s.domain() == null ? "" : s.domain();
        SystemConfigs.Config defaults = systemConfigs.current();
        String policyMode = blank(s.policyMode()) ? defaults.newServicePolicyMode() : mode(s.policyMode(), "policy");
        String profileMode = blank(s.profileMode()) ? policyMode : mode(s.profileMode(), "profile");
        String baseline = ProcessProfiles.baseline(blank(s.baselineProfile()) ? defaults.newServiceProfileBaseline()
                : s.baselineProfile());
        Group g = policy.createLearnedGroup(p, PREFIX + s.name() + (domain.isEmpty() ? "" : "." + domain), domain,
                s.comment(), policyMode, profileMode);
        profiles.change(g, new ProcessProfiles.Config(g.name(), null, null, baseline, null, null));
        return g;
    }

    /**
     * Sets the modes and baseline of the named services ({@code nodes} by that name) that the caller may change;
     * names of services that do not exist or that the caller may not change are skipped, and when none is left the
     * answer is 404 (NeuVector's code 7), or 400 when the only ones named are managed by CRDs.
     */
    public void configure(Principal p, ModeChange c, Scope scope) {
        List<String> named = Inputs.list(c.services(), "services");
        if (named.isEmpty()) {
            throw ApiException.badRequest("'services' names no service");
        }
        String policyMode = scope == Scope.PROFILE ? null : mode(c.policyMode(), "policy");
        String profileMode = scope == Scope.NETWORK ? null : mode(c.profileMode(), "profile");
        if (scope == Scope.ALL && profileMode == null) {
            profileMode = policyMode;
        }
        String baseline = scope == Scope.NETWORK || c.baselineProfile() == null ? null
                : ProcessProfiles.baseline(c.baselineProfile());
        Map<String, Group> qualified = new LinkedHashMap<>();
        boolean crd = false;
        for (String service : named) {
            Optional<Group> g = policy.group(service.equals(NODES) ? NODES : PREFIX + service)
                    .filter(x -> (x.name().equals(NODES) || isService(x))
                            && Policy.allowed(p, Permissions.RT_POLICY, true, x.createrDomains()));
            if (g.isPresent() && g.get().cfgType().equals("ground")) {
                crd = true;
            } else {
                g.ifPresent(x -> qualified.put(x.name(), x));
            }
        }
        if (qualified.isEmpty()) {
            throw crd ? new ApiException(400, ApiError.OP_NOT_ALLOWED, "Services managed by CRDs change there")
                    : ApiException.notFound("Service");
        }
        if (policyMode != null || profileMode != null) {
            policy.setModes(new ArrayList<>(qualified.keySet()), policyMode, profileMode);
        }
        if (baseline != null) {
            qualified.values().stream().filter(g -> !g.name().equals(NODES)).forEach(g -> profiles.change(g,
                    new ProcessProfiles.Config(g.name(), null, null, baseline, null, null)));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    /** A mode as given (null for none): Discover, Monitor or Protect, as NeuVector spells them; else 400. */
    private static String mode(String given, String which) {
        if (given != null && !MODES.contains(given)) {
            throw ApiException.badRequest("Invalid %s mode %s: Discover, Monitor or Protect".formatted(which,
                    given.length() > 32 ? given.substring(0, 32) + "..." : given));
        }
        return given;
    }
}
