package dev.bulwark.controller.network;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Consumer;

/**
 * NeuVector's network graph ({@code /v1/conversation}, {@code /v1/conversation_endpoint}): the endpoints, the
 * conversations between them (compact, or {@code ?verbose} with their ends whole; {@code f_domain} keeps those of one
 * namespace, {@code f_group} those with an end in a group, 404 for a group the caller cannot see), one conversation in
 * detail, deleting them, and naming a node's or an address's endpoint ({@code PATCH}: NeuVector's alias). Permission {@code rt_policy}, by namespace (see {@link ConversationsView}). Deleting every
 * conversation or an endpoint's needs it globally, as NeuVector lets only a cluster writer; an endpoint deleted is a
 * node's or an address's ({@code Host:}, {@code Workload:}), not a container's.
 */
public final class ConversationApi implements Consumer<Routes> {

    private static final int MAX_ID = 512;

    private final ConversationsView view;
    private final Conversations conversations;

    public ConversationApi(ConversationsView view, Conversations conversations) {
        this.view = view;
        this.conversations = conversations;
    }

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces();
        String perm = Permissions.RT_POLICY;
        routes.get("/v1/conversation_endpoint", perm, ctx -> ctx.json(Map.of("endpoints",
                ListQuery.of(ctx).apply(view.endpoints(Access.of(ctx))))));
        routes.get("/v1/conversation", perm, ctx -> {
            ListQuery query = ListQuery.of(ctx);
            Principal p = Access.of(ctx);
            String group = filter(query, "group");
            if (!group.isEmpty() && !view.groupVisible(p, group)) {
                throw ApiException.notFound("Group");
            }
            ConversationsView.Listing listing = view.listing(p, ListQuery.flag(ctx, "verbose"),
                    filter(query, "domain"), group);
            ctx.json(Map.of("endpoints", listing.endpoints(), "conversations", listing.conversations()));
        });
        routes.get("/v1/conversation/{from}/{to}", perm, ctx -> ctx.json(Map.of("conversation",
                view.detail(Access.of(ctx), id(ctx, "from"), id(ctx, "to"))
                        .orElseThrow(() -> ApiException.notFound("Conversation")))));
        routes.delete("/v1/conversation", perm, ctx -> {
            requireGlobalWrite(Access.of(ctx));
            conversations.clear();
            ctx.json(Map.of());
        });
        routes.delete("/v1/conversation/{from}/{to}", perm, ctx -> {
            Principal p = Access.of(ctx);
            String from = id(ctx, "from");
            String to = id(ctx, "to");
            if (!view.visible(p, from, to)) {
                throw ApiException.notFound("Conversation");
            }
            if (!p.global(perm, true) && !ownsBothEnds(p, from, to)) {
                throw ApiException.forbidden();
            }
            conversations.delete(from, to);
            ctx.json(Map.of());
        });
        routes.patch("/v1/conversation_endpoint/{id}", perm, ctx -> {
            requireGlobalWrite(Access.of(ctx));
            String id = nodeOrAddress(ctx, "modified");
            EndpointConfigData body = Bodies.read(ctx, EndpointConfigData.class);
            if (body.config() == null) {
                throw ApiException.badRequest("'config' is required");
            }
            String alias = body.config().displayName();
            if (alias != null && (alias.length() > MAX_ID || alias.chars().anyMatch(Character::isISOControl))) {
                throw ApiException.badRequest("An alias is at most %d characters, none a control one".formatted(
                        MAX_ID));
            }
            if (alias == null ? !conversations.has(id) : !conversations.alias(id, alias.strip())) {
                throw ApiException.notFound("Endpoint");
            }
            ctx.json(Map.of());
        });
        routes.delete("/v1/conversation_endpoint/{id}", perm, ctx -> {
            requireGlobalWrite(Access.of(ctx));
            String id = nodeOrAddress(ctx, "deleted");
            if (!conversations.deleteEndpoint(id)) {
                throw ApiException.notFound("Endpoint");
            }
            ctx.json(Map.of());
        });
    }

    /** {@code RESTConversationEndpointConfig}: an alias, {@code ""} to take it away; null leaves it. */
    record EndpointConfig(String id, String displayName) {}

    record EndpointConfigData(EndpointConfig config) {}

    /** The endpoint id of the path, which must be a node's or an address's: a container keeps its own name. */
    private static String nodeOrAddress(Context ctx, String done) {
        String id = id(ctx, "id");
        if (!id.startsWith(Endpoints.HOST_PREFIX) && !id.startsWith(Endpoints.WORKLOAD_PREFIX)) {
            throw ApiException.badRequest("Only host and unmanaged container can be " + done + "!");
        }
        return id;
    }

    /** The value of {@code f_<field>=eq,...}, NeuVector's only filters of this list; empty when not given. */
    private static String filter(ListQuery query, String field) {
        return query.filters().stream().filter(f -> f.field().equals(field) && f.op().equals("eq"))
                .map(ListQuery.Filter::value).findFirst().orElse("");
    }

    /** A namespace user deletes a conversation only between containers of its namespaces where it may write. */
    private boolean ownsBothEnds(Principal p, String from, String to) {
        return conversations.between(from, to).map(c -> c.from().isWorkload() && c.to().isWorkload()
                && p.on(Permissions.RT_POLICY, true, c.from().domain())
                && p.on(Permissions.RT_POLICY, true, c.to().domain())
                && !c.from().domain().isEmpty() && !c.to().domain().isEmpty()).orElse(false);
    }

    private static void requireGlobalWrite(Principal p) {
        if (!p.global(Permissions.RT_POLICY, true)) {
            throw ApiException.forbidden();
        }
    }

    /** An endpoint id from the path: at most {@value #MAX_ID} characters, no control characters. */
    private static String id(Context ctx, String name) {
        String id = ctx.pathParam(name);
        if (id.isEmpty() || id.length() > MAX_ID || id.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("Invalid endpoint id");
        }
        return id;
    }
}
