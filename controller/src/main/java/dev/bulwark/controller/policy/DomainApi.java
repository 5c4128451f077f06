package dev.bulwark.controller.policy;

import dev.bulwark.controller.Objects;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Accounts;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.auth.StoredUser;
import dev.bulwark.controller.store.ClusterStore;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code GET /v1/domain}: the namespaces the configuration names (in group criteria and namespace roles), with
 * runtime counts zero until enforcers report workloads. A namespace user sees its own.
 */
public final class DomainApi implements Consumer<Routes> {

    private final PolicyStore policy;
    private final ClusterStore store;

    public DomainApi(PolicyStore policy, ClusterStore store) {
        this.policy = policy;
        this.store = store;
    }

    /** {@code RESTDomain}. */
    record Domain(String name, int workloads, int runningWorkloads, int runningPods, int services, List<String> tags,
            Map<String, String> labels) {}

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/domain", Permissions.RT_POLICY, ctx -> {
            Principal p = Access.of(ctx);
            TreeSet<String> names = new TreeSet<>();
            policy.groups().forEach(g -> names.addAll(g.createrDomains()));
            Objects.list(store, Accounts.USER, StoredUser.class).forEach(u -> u.roleDomains().values()
                    .forEach(names::addAll));
            List<Domain> domains = names.stream().filter(d -> p.on(Permissions.RT_POLICY, false, d))
                    .map(d -> new Domain(d, 0, 0, 0, 0, List.of(), Map.of())).toList();
            ctx.json(Map.of("domains", domains, "tag_per_domain", false));
        });
    }
}
