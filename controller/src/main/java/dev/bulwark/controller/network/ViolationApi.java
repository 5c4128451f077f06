package dev.bulwark.controller.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.controller.runtime.WorkloadViews;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code GET /v1/log/violation/workload}, NeuVector's {@code RESTViolationWorkload} list: the violations the caller
 * may read counted per client ({@code s_client=asc|desc}) or per server ({@code s_server=...}), exactly one of the
 * two as NeuVector requires, ordered by count; each with the container's brief when the caller may see it, else
 * the id, name and namespace the record holds and state {@code offline}. Paged with {@code start} and
 * {@code limit}. A folded record counts as the reports it holds. The log itself is {@code /v1/log/violation}.
 */
public final class ViolationApi implements Consumer<Routes> {

    private final Violations violations;
    private final RuntimeState state;
    private final WorkloadViews workloads;

    public ViolationApi(Violations violations, RuntimeState state, WorkloadViews workloads) {
        this.violations = violations;
        this.state = state;
        this.workloads = workloads;
    }

    private record Count(JsonNode workload, long count) {}

    @Override
    public void accept(Routes routes) {
        routes.inNamespaces().get("/v1/log/violation/workload", Permissions.SECURITY_EVENTS, ctx -> {
            ListQuery query = ListQuery.of(ctx);
            if (query.sorts().size() != 1 || !List.of("client", "server").contains(query.sorts().getFirst()
                    .field())) {
                throw ApiException.badRequest("Sort by one of s_client or s_server");
            }
            ListQuery.Sort sort = query.sorts().getFirst();
            Principal p = Access.of(ctx);
            List<Count> counts = counts(p, sort.field());
            Comparator<Count> byCount = Comparator.comparingLong(Count::count);
            counts.sort(sort.ascending() ? byCount : byCount.reversed());
            ctx.json(Map.of("violation_workloads", new ListQuery(List.of(), List.of(), query.start(), false,
                    query.limit()).select(counts, c -> null)));
        });
    }

    private List<Count> counts(Principal p, String side) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, JsonNode> records = new LinkedHashMap<>();
        for (JsonNode v : violations.readable(p)) {
            String id = v.path(side + "_id").asText("");
            counts.merge(id, Math.max(1, v.path("count").asLong(1)), Long::sum);
            records.putIfAbsent(id, v);
        }
        List<Count> out = new ArrayList<>();
        counts.forEach((id, n) -> out.add(new Count(brief(p, id, side, records.get(id)), n)));
        return out;
    }

    private JsonNode brief(Principal p, String id, String side, JsonNode record) {
        Optional<RuntimeState.Running> r = state.workload(id)
                .filter(x -> WorkloadViews.visible(p, x.workload().domain()));
        if (r.isPresent()) {
            return workloads.brief(r.get());
        }
        return ConversationsView.brief(id, record.path(side + "_name").asText(""),
                record.path(side + "_domain").asText(""), "offline");
    }
}
