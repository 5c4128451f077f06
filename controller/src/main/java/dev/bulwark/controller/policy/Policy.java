package dev.bulwark.controller.policy;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.domain.Codec;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Section;
import dev.bulwark.controller.store.WatchCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The policy's groups and network rules: read through watch-fed caches, changed only here. Rules are one record
 * each plus the order, a list of ids, which every rule change rewrites in the same transaction with
 * compare-and-swap, so two concurrent edits of the order never lose one another. Deleting a group deletes, in the
 * same transaction, its record of every per-group kind (profiles, sensor bindings).
 */
public final class Policy {

    public static final Kind<Integer[]> ORDER = Kind.single("policy", "order", Integer[].class, "Rules",
            Section.POLICY);

    private final Records records;
    private final List<Kind<?>> perGroup;
    private final WatchCache<Group> groups;
    private final WatchCache<Rule> rules;
    private final WatchCache<Order> order;

    /** The rule order as stored, with the revision a change must compare against. */
    public record Order(List<Integer> ids, long revision) {}

    /** @param perGroup the kinds whose record of a group goes with the group */
    public Policy(Records records, List<Kind<?>> perGroup) {
        this.records = records;
        this.perGroup = List.copyOf(perGroup);
        for (Group g : Group.RESERVED) {
            records.seed(Group.KIND, g.name(), g);
        }
        this.groups = records.cache(Group.KIND);
        this.rules = records.cache(Rule.KIND);
        this.order = records.cache(ORDER, v -> new Order(List.of(v.value()), v.revision()));
    }

    public Optional<Group> group(String name) {
        return groups.get(Group.KIND.key(name));
    }

    public List<Group> groups() {
        return groups.values();
    }

    public Optional<Rule> rule(int id) {
        return rules.get(Rule.KIND.key(String.valueOf(id)));
    }

    /** Every rule in evaluation order. */
    public List<Rule> orderedRules() {
        Order order = order();
        List<Rule> out = new ArrayList<>(order.ids().size());
        for (int id : order.ids()) {
            rule(id).ifPresent(out::add);
        }
        return out;
    }

    /** A number that changes whenever a group, rule or the rule order changes. */
    public long version() {
        return Math.max(groups.applied(), Math.max(rules.applied(), order.applied()));
    }

    public int ruleCount() {
        return order().ids().size();
    }

    public Order order() {
        return order.get(ORDER.key()).orElse(new Order(List.of(), Records.ABSENT));
    }

    /** For each group, the ids of the rules that name it, in rule order. */
    public Map<String, List<Integer>> rulesByGroup() {
        Map<String, List<Integer>> out = new HashMap<>();
        for (Rule r : orderedRules()) {
            out.computeIfAbsent(r.from(), g -> new ArrayList<>()).add(r.id());
            if (!r.to().equals(r.from())) {
                out.computeIfAbsent(r.to(), g -> new ArrayList<>()).add(r.id());
            }
        }
        return out;
    }

    /**
     * Adds a custom group the caller may write; 409 when the name is taken. Names starting with {@code nv.} or
     * {@code fed.}, and the reserved groups' names, are NeuVector's own.
     */
    public void createGroup(Principal p, String name, String comment, List<Criterion> criteria,
            Group.Metrics metrics) {
        if (name == null || !Group.NAME.matcher(name).matches()) {
            throw ApiException.invalidName("Group names are 1-128 letters, digits, '.', '_', ':' or '-', starting"
                    + " with a letter or digit");
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("nv.") || lower.startsWith("fed.") || lower.equals("containers")
                || lower.equals("nodes") || lower.equals("external")) {
            throw ApiException.invalidName("Names starting with nv. or fed., and reserved group names, are not for"
                    + " custom groups");
        }
        if (criteria.isEmpty()) {
            throw ApiException.badRequest("A custom group needs criteria");
        }
        Criterion.validate(criteria);
        Group g = Group.custom(name, comment, criteria, metrics);
        requireWrite(p, g.createrDomains());
        records.create(Group.KIND, g.name(), g);
    }

    /**
     * The learned group of a service, created when the first container of it is seen ({@code nv.<service>} or
     * {@code nv.<service>.<domain>}, {@code cfg_type} learned, in the mode new services start in); true when it
     * was created now.
     */
    public boolean ensureLearnedGroup(String name, String domain, String mode) {
        if (group(name).isPresent()) {
            return false;
        }
        return records.seed(Group.KIND, name, learnedGroup(name, domain, "", mode, mode));
    }

    /**
     * A service created ahead of its containers ({@code POST /v1/service}): its learned group, which the caller
     * must be allowed to write in the namespace; 400 with NeuVector's duplicate-name code when it exists.
     */
    public Group createLearnedGroup(Principal p, String name, String domain, String comment, String policyMode,
            String profileMode) {
        if (!Group.NAME.matcher(name).matches()) {
            throw ApiException.invalidName("Invalid characters in name: service and namespace names are letters,"
                    + " digits, '.', '_', ':' or '-', at most 125 together");
        }
        Group g = learnedGroup(name, domain, comment, policyMode, profileMode);
        requireWrite(p, g.createrDomains());
        if (group(name).isPresent() || !records.seed(Group.KIND, name, g)) {
            throw new ApiException(400, ApiError.DUPLICATE_NAME, "Service already exists");
        }
        return g;
    }

    private static Group learnedGroup(String name, String domain, String comment, String policyMode,
            String profileMode) {
        String service = name.substring("nv.".length());
        return new Group(name, comment, true, false, policyMode, profileMode, domain,
                domain.isEmpty() ? List.of() : List.of(domain), "container", "", true,
                List.of(new Criterion("service", service, "=")), "learned", null);
    }

    /**
     * Sets the policy mode (NeuVector's network mode) and the profile mode (the process and file mode) of groups
     * that have them, in one commit; a null mode is left as it is; 404 for a missing group.
     */
    public void setModes(List<String> names, String policyMode, String profileMode) {
        Records.Change change = new Records.Change();
        for (String name : names) {
            var loaded = records.read(Group.KIND, name).orElseThrow(() -> ApiException.notFound("Group " + name));
            Group g = loaded.value();
            if (g.policyMode().isEmpty()) {
                throw ApiException.badRequest("Group %s has no policy mode".formatted(name));
            }
            change.require(Group.KIND, name, loaded.revision()).put(Group.KIND, name, new Group(g.name(), g.comment(),
                    g.learned(), g.reserved(), or(policyMode, g.policyMode()), or(profileMode, g.profileMode()),
                    g.domain(), g.createrDomains(), g.kind(), g.platformRole(), g.capChangeMode(), g.criteria(),
                    g.cfgType(), g.metrics()));
        }
        records.commit(change, Group.KIND);
    }

    /** Changes a custom group's criteria, comment or metrics; reserved and learned groups keep theirs. */
    public void updateGroup(Principal p, String name, UnaryOperator<Group> change) {
        records.update(Group.KIND, name, current -> {
            if (current.reserved() || current.learned()) {
                throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Reserved and learned groups keep their criteria");
            }
            Group updated = change.apply(current);
            Criterion.validate(updated.criteria());
            requireWrite(p, updated.createrDomains());
            return updated;
        });
    }

    /** Deletes a group no rule names, with its record of every per-group kind. */
    public void deleteGroup(Group g) {
        if (g.reserved()) {
            throw new ApiException(400, ApiError.OP_NOT_ALLOWED, "Reserved groups cannot be deleted");
        }
        Order order = order();
        List<Integer> used = rulesByGroup().getOrDefault(g.name(), List.of());
        if (!used.isEmpty()) {
            throw new ApiException(409, ApiError.OBJECT_IN_USE, "The group is used by rules " + used);
        }
        Records.Change change = new Records.Change().require(ORDER, ORDER.id(), order.revision())
                .delete(Group.KIND, g.name());
        perGroup.forEach(kind -> change.delete(kind, g.name()));
        records.commit(change, ORDER);
    }

    /** Changes one rule; 409 when it changed since it was read. */
    public void updateRule(int id, UnaryOperator<Rule> change) {
        records.update(Rule.KIND, String.valueOf(id), change);
    }

    /**
     * Sets the rule order read as {@code order} to {@code ids}, with groups and rules added or replaced and rules
     * deleted, all at once; 409 when the order changed since it was read.
     */
    public void changeRules(Order order, List<Integer> ids, List<Group> groups, List<Rule> put, List<Integer> deleted) {
        Records.Change change = new Records.Change().require(ORDER, ORDER.id(), order.revision())
                .put(ORDER, ORDER.id(), ids.toArray(Integer[]::new));
        groups.forEach(g -> change.put(Group.KIND, g.name(), g));
        put.forEach(r -> change.put(Rule.KIND, String.valueOf(r.id()), r));
        deleted.forEach(id -> change.delete(Rule.KIND, String.valueOf(id)));
        records.commit(change, ORDER);
    }

    /**
     * Checks imported policy records before they replace the current ones: every group and rule readable, every
     * rule's groups present, the order naming exactly the rules.
     */
    public void checkImport(Map<String, byte[]> puts) {
        Set<String> groupNames = new HashSet<>();
        Set<Integer> ruleIds = new HashSet<>();
        List<Rule> imported = new ArrayList<>();
        for (var e : puts.entrySet()) {
            try {
                if (Group.KIND.holds(e.getKey())) {
                    groupNames.add(Codec.STORED.readValue(e.getValue(), Group.class).name());
                } else if (Rule.KIND.holds(e.getKey())) {
                    Rule r = Codec.STORED.readValue(e.getValue(), Rule.class);
                    imported.add(r);
                    ruleIds.add(r.id());
                }
            } catch (IOException | RuntimeException ex) {
                throw ApiException.badRequest("record " + e.getKey() + " cannot be read");
            }
        }
        for (Rule r : imported) {
            if (!groupNames.contains(r.from()) || !groupNames.contains(r.to())) {
                throw ApiException.badRequest(
                        "rule %d names a group the backup does not hold".formatted(r.id()));
            }
        }
        byte[] order = puts.get(ORDER.key());
        List<Integer> ids;
        try {
            ids = order == null ? List.of() : List.of(Codec.STORED.readValue(order, Integer[].class));
        } catch (IOException e) {
            throw ApiException.badRequest("the rule order cannot be read");
        }
        if (!new HashSet<>(ids).equals(ruleIds) || ids.size() != ruleIds.size()) {
            throw ApiException.badRequest("the rule order does not match the rules");
        }
    }

    /**
     * The group, if the caller may see it (else 404, as if it did not exist) and, for a write, change it (else 403).
     */
    public Group visibleGroup(Principal p, String name, boolean write) {
        Group g = group(name).orElseThrow(() -> ApiException.notFound("Group"));
        requireVisible(p, g.createrDomains(), write, "Group");
        return g;
    }

    /** The groups with profiles (containers and nodes; addresses have none) that the caller may see. */
    public List<Group> profiledGroups(Principal p) {
        return groups().stream().filter(g -> !g.kind().equals("address")
                && allowed(p, Permissions.RT_POLICY, false, g.createrDomains())).toList();
    }

    /** {@link #visibleGroup}, for a group with profiles: an address group has no {@code profile}. */
    public Group profiledGroup(Principal p, String name, boolean write, String profile) {
        Group g = visibleGroup(p, name, write);
        if (g.kind().equals("address")) {
            throw ApiException.badRequest("Address groups have no " + profile);
        }
        return g;
    }

    /**
     * An object of these namespaces must be one the caller may see (else 404, as if it did not exist) and, for a
     * write, change (else 403).
     */
    static void requireVisible(Principal p, List<String> domains, boolean write, String noun) {
        if (!allowed(p, Permissions.RT_POLICY, false, domains)) {
            throw ApiException.notFound(noun);
        }
        if (write) {
            requireWrite(p, domains);
        }
    }

    static void requireWrite(Principal p, List<String> domains) {
        if (!allowed(p, Permissions.RT_POLICY, true, domains)) {
            throw ApiException.forbidden();
        }
    }

    /** Whether the caller may read or change an object confined to these namespaces (global when empty). */
    public static boolean allowed(Principal p, String permission, boolean write, List<String> domains) {
        if (p.global(permission, write)) {
            return true;
        }
        return !domains.isEmpty() && domains.stream().allMatch(d -> p.on(permission, write, d));
    }

    /** The namespaces a rule is confined to: those of both its groups when both are confined. */
    public List<String> domainsOf(Rule r) {
        List<String> from = group(r.from()).map(Group::createrDomains).orElse(List.of());
        List<String> to = group(r.to()).map(Group::createrDomains).orElse(List.of());
        if (from.isEmpty() || to.isEmpty()) {
            return List.of();
        }
        List<String> all = new ArrayList<>(from);
        to.stream().filter(d -> !all.contains(d)).forEach(all::add);
        all.sort(Comparator.naturalOrder());
        return all;
    }
}
