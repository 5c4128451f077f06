package dev.bulwark.controller.policy;

import dev.bulwark.controller.Objects;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.store.ClusterStore;
import dev.bulwark.controller.store.KeyValue;
import dev.bulwark.controller.store.Txn;
import dev.bulwark.controller.store.WatchCache;
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
    static final String ORDER_KEY = "object/config/policy/order";

    private final ClusterStore store;
    private final WatchCache<Group> groups;
    private final WatchCache<Rule> rules;

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

    Order order() {
        Optional<KeyValue> kv = store.get(ORDER_KEY);
        if (kv.isEmpty()) {
            return new Order(List.of(), Txn.ABSENT);
        }
        return new Order(List.of(Objects.decode(kv.get(), Integer[].class)), kv.get().modRevision());
    }

    /** Commits and waits until the caches show the change: the caller reads its own write. */
    boolean commit(Txn txn) {
        var revision = store.commit(txn);
        revision.ifPresent(r -> {
            if (groups.covers(txn)) {
                groups.await(r);
            }
            if (rules.covers(txn)) {
                rules.await(r);
            }
        });
        return revision.isPresent();
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
    }
}
