package dev.bulwark.controller.policy;

import dev.bulwark.controller.Objects;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.store.ClusterStore;
import dev.bulwark.controller.store.KeyValue;
import dev.bulwark.controller.store.Txn;
import dev.bulwark.controller.store.WatchCache;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Groups and network rules in the store, read through watch-fed caches. Rules are one key each plus the order
 * key, a list of ids, which every rule change updates in the same transaction with compare-and-swap, so two
 * concurrent edits of the order never lose one another.
 */
public final class PolicyStore implements AutoCloseable {

    static final String GROUP = "group";
    static final String RULE = "policy/rule";
    public static final String ORDER_KEY = "object/config/policy/order";

    private final ClusterStore store;
    private final WatchCache<Group> groups;
    private final WatchCache<Rule> rules;
    private final WatchCache<Order> order;

    /** The rule order as stored, with the revision a change must compare against. */
    record Order(List<Integer> ids, long revision) {}

    public PolicyStore(ClusterStore store) {
        this.store = store;
        for (Group g : Group.RESERVED) {
            String key = Objects.key(GROUP, g.name());
            store.commit(Txn.builder().require(key, Txn.ABSENT).put(key, Objects.encode(g)).build());
        }
        this.groups = new WatchCache<>(store, Objects.prefix(GROUP), kv -> Objects.decode(kv, Group.class));
        this.rules = new WatchCache<>(store, Objects.prefix(RULE), kv -> Objects.decode(kv, Rule.class));
        this.order = new WatchCache<>(store, ORDER_KEY, kv -> new Order(List.of(Objects.decode(kv, Integer[].class)),
                kv.modRevision()));
    }

    ClusterStore store() {
        return store;
    }

    Optional<Group> group(String name) {
        return groups.get(Objects.key(GROUP, name));
    }

    List<Group> groups() {
        return groups.values();
    }

    Optional<Rule> rule(int id) {
        return rules.get(Objects.key(RULE, String.valueOf(id)));
    }

    /** Every rule in evaluation order. */
    List<Rule> orderedRules() {
        Order order = order();
        List<Rule> out = new ArrayList<>(order.ids().size());
        for (int id : order.ids()) {
            rule(id).ifPresent(out::add);
        }
        return out;
    }

    /** A number that changes whenever a group, rule or the rule order changes. */
    long version() {
        return Math.max(groups.applied(), Math.max(rules.applied(), order.applied()));
    }

    public int ruleCount() {
        return order().ids().size();
    }

    Order order() {
        return order.get(ORDER_KEY).orElse(new Order(List.of(), Txn.ABSENT));
    }

    /** For each group, the ids of the rules that name it, in rule order. */
    java.util.Map<String, List<Integer>> rulesByGroup() {
        java.util.Map<String, List<Integer>> out = new java.util.HashMap<>();
        for (Rule r : orderedRules()) {
            out.computeIfAbsent(r.from(), g -> new ArrayList<>()).add(r.id());
            if (!r.to().equals(r.from())) {
                out.computeIfAbsent(r.to(), g -> new ArrayList<>()).add(r.id());
            }
        }
        return out;
    }

    /** Commits and waits until the caches show the change: the caller reads its own write. */
    boolean commit(Txn txn) {
        return commitAndWait(txn).isPresent();
    }

    /** {@link ClusterStore#commit}, returning once the policy caches show the change. */
    public java.util.OptionalLong commitAndWait(Txn txn) {
        var revision = store.commit(txn);
        revision.ifPresent(r -> {
            if (groups.covers(txn)) {
                groups.await(r);
            }
            if (rules.covers(txn)) {
                rules.await(r);
            }
            if (order.covers(txn)) {
                order.await(r);
            }
        });
        return revision;
    }

    /**
     * Checks imported policy records before they replace the current ones: every group and rule readable, every
     * rule's groups present, the order naming exactly the rules.
     */
    public void checkImport(java.util.Map<String, byte[]> puts) {
        java.util.Set<String> groupNames = new java.util.HashSet<>();
        java.util.Set<Integer> ruleIds = new java.util.HashSet<>();
        List<Rule> imported = new ArrayList<>();
        for (var e : puts.entrySet()) {
            KeyValue kv = new KeyValue(e.getKey(), e.getValue(), 0, 0, 0);
            try {
                if (e.getKey().startsWith(Objects.prefix(GROUP))) {
                    groupNames.add(Objects.decode(kv, Group.class).name());
                } else if (e.getKey().startsWith(Objects.prefix(RULE))) {
                    Rule r = Objects.decode(kv, Rule.class);
                    imported.add(r);
                    ruleIds.add(r.id());
                }
            } catch (RuntimeException ex) {
                throw ApiException.badRequest("record " + e.getKey() + " cannot be read");
            }
        }
        for (Rule r : imported) {
            if (!groupNames.contains(r.from()) || !groupNames.contains(r.to())) {
                throw ApiException.badRequest(
                        "rule %d names a group the backup does not hold".formatted(r.id()));
            }
        }
        byte[] order = puts.get(ORDER_KEY);
        List<Integer> ids = order == null ? List.of()
                : List.of(Objects.decode(new KeyValue(ORDER_KEY, order, 0, 0, 0), Integer[].class));
        if (!new java.util.HashSet<>(ids).equals(ruleIds) || ids.size() != ruleIds.size()) {
            throw ApiException.badRequest("the rule order does not match the rules");
        }
    }

    /**
     * The group of a request path, if the caller may see it (else 404, as if it did not exist) and, for a write,
     * change it (else 403).
     */
    Group visibleGroup(Context ctx, boolean write) {
        Group g = group(ctx.pathParam("name")).orElseThrow(() -> ApiException.notFound("Group"));
        Principal p = Access.of(ctx);
        if (!allowed(p, Permissions.RT_POLICY, false, g.createrDomains())) {
            throw ApiException.notFound("Group");
        }
        if (write && !allowed(p, Permissions.RT_POLICY, true, g.createrDomains())) {
            throw ApiException.forbidden();
        }
        return g;
    }

    /** Whether the caller may read or change an object confined to these namespaces (global when empty). */
    static boolean allowed(Principal p, String permission, boolean write, List<String> domains) {
        if (p.global(permission, write)) {
            return true;
        }
        return !domains.isEmpty() && domains.stream().allMatch(d -> p.on(permission, write, d));
    }

    /** The namespaces a rule is confined to: those of both its groups when both are confined. */
    List<String> domainsOf(Rule r) {
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

    @Override
    public void close() {
        groups.close();
        rules.close();
        order.close();
    }
}
