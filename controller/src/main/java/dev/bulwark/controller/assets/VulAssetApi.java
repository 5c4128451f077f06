package dev.bulwark.controller.assets;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * NeuVector's query sessions of Security Risks → Vulnerabilities: {@code POST /v1/vulasset} selects (a snapshot of
 * what the caller may see, {@link VulSelection}) and answers its statistics and token; {@code GET /v1/vulasset} pages,
 * re-sorts and quick-filters the selection; {@code POST /v1/assetvul} shows it by asset; {@code POST|GET
 * /v1/scan/asset/images} is the same for the images page. Permission {@code rt_scan} read, in some namespace (the
 * catalog shows each caller its own); the POSTs only read, as they change nothing but the caller's sessions.
 */
public final class VulAssetApi implements Consumer<Routes> {

    private static final int DEFAULT_ROWS = 100;

    private final AssetCatalog catalog;
    private final QuerySessions sessions;

    public VulAssetApi(AssetCatalog catalog, InstantSource clock) {
        this.catalog = catalog;
        this.sessions = new QuerySessions(clock);
    }

    /** {@code POST /v1/assetvul}'s body. */
    record AssetViewQuery(@JsonProperty("last_modified_timestamp") Long lastModifiedTimestamp,
            @JsonProperty("include_no_vul_assets") Boolean includeNoVulAssets) {}

    /** {@code POST /v1/scan/asset/images}'s body, in the console's camelCase. */
    record ImageQuery(String type, @JsonProperty("orderbyColumn") String orderbyColumn,
            @JsonProperty("orderby") String orderby) {}

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces();
        String perm = Permissions.RT_SCAN;
        routes.postQuery("/v1/vulasset", perm, this::openVulnerabilities);
        routes.get("/v1/vulasset", perm, this::vulnerabilities);
        routes.postQuery("/v1/assetvul", perm, this::assets);
        routes.postQuery("/v1/scan/asset/images", perm, this::openImages);
        routes.get("/v1/scan/asset/images", perm, this::images);
    }

    private void openVulnerabilities(Context ctx) {
        VulQuery query = body(ctx, VulQuery.class, VulQuery.DEFAULT).normalized();
        VulSelection selection = VulSelection.of(catalog.of(Access.of(ctx)), query);
        ctx.json(VulViews.QueryStats.of(sessions.open(Access.of(ctx), selection), selection));
    }

    private void vulnerabilities(Context ctx) {
        VulSelection s = session(ctx, VulSelection.class);
        String column = VulQuery.oneOf(ctx.queryParam("orderbyColumn"), VulQuery.ORDER_COLUMNS, "");
        String order = VulQuery.oneOf(ctx.queryParam("orderby"), VulQuery.ORDERS, "");
        String quick = text(ctx.queryParam("qf"));
        String scoreType = VulQuery.oneOf(ctx.queryParam("scoretype"), List.of("v2", "v3"), "v3");
        long modified = number(ctx, "lastmtime", 0);
        var shown = s.matched().stream().filter(v -> modified <= 0 || v.lastModified() > modified)
                .filter(v -> quick.isEmpty() || VulSelection.quick(v, quick, scoreType));
        if (!column.isEmpty() && !order.isEmpty()) {
            shown = shown.sorted(VulSelection.order(column, order));
        }
        List<AssetVulnerability> all = shown.toList();
        Map<String, Asset> assets = VulViews.byId(s);
        ctx.json(new VulViews.VulPage(page(ctx, all).stream().map(v -> VulViews.vulnerability(v, assets)).toList(),
                quick.isEmpty() ? 0 : all.size()));
    }

    private void assets(Context ctx) {
        VulSelection s = session(ctx, VulSelection.class);
        AssetViewQuery q = body(ctx, AssetViewQuery.class, new AssetViewQuery(null, null));
        long modified = q.lastModifiedTimestamp() == null ? 0 : q.lastModifiedTimestamp();
        ctx.json(VulViews.assets(s, s.matched().stream().filter(v -> modified <= 0 || v.lastModified() > modified)
                .toList(), Boolean.TRUE.equals(q.includeNoVulAssets())));
    }

    private void openImages(Context ctx) {
        ImageQuery q = body(ctx, ImageQuery.class, new ImageQuery(null, null, null));
        if (!"image".equals(q.type())) {
            throw ApiException.badRequest("invalid asset type");
        }
        ImageSelection selection = ImageSelection.of(catalog.of(Access.of(ctx)));
        ctx.json(new VulViews.ImageStats(selection.images().size(), sessions.open(Access.of(ctx), selection), null,
                new VulViews.ImageSummary(selection.tops().stream().map(VulViews.AssetCveCount::of).toList())));
    }

    private void images(Context ctx) {
        ImageSelection s = session(ctx, ImageSelection.class);
        String quick = text(ctx.queryParam("qf"));
        List<ImageSelection.Counted> shown = s.shown(quick, VulQuery.oneOf(ctx.queryParam("orderbyColumn"),
                ImageSelection.ORDER_COLUMNS, "repository"), VulQuery.oneOf(ctx.queryParam("orderby"),
                VulQuery.ORDERS, "asc"));
        ctx.json(new VulViews.ImagePage("image", page(ctx, shown).stream().map(VulViews.ImageAsset::of).toList(),
                quick.isEmpty() ? s.images().size() : shown.size()));
    }

    /** The caller's session of {@code ?token=}: 400 without one, 500 when unknown or ended (NeuVector's code 53). */
    private <T extends QueryResult> T session(Context ctx, Class<T> type) {
        String token = text(ctx.queryParam("token"));
        if (token.isEmpty()) {
            throw new ApiException(400, ApiError.INVALID_QUERY_ID, "invalid request, no query token provided");
        }
        return sessions.find(Access.of(ctx), token).filter(type::isInstance).map(type::cast).orElseThrow(() ->
                new ApiException(500, ApiError.INVALID_QUERY_ID, "get session error: the query id is unknown or"
                        + " expired (sessions end after %d idle minutes): query again".formatted(
                        QuerySessions.IDLE.toMinutes())));
    }

    /** A body that may be left out: NeuVector reads an empty one as every default. */
    private static <T> T body(Context ctx, Class<T> type, T empty) {
        return ctx.bodyAsBytes().length == 0 ? empty : Bodies.read(ctx, type);
    }

    /** {@code start} and {@code row} (100 unless given; -1 is every row); a value that is no number is its default. */
    private static <T> List<T> page(Context ctx, List<T> all) {
        int start = (int) Math.min(Math.max(number(ctx, "start", 0), 0), all.size());
        long row = number(ctx, "row", DEFAULT_ROWS);
        return all.subList(start, row < 0 ? all.size() : (int) Math.min(all.size(), start + row));
    }

    private static long number(Context ctx, String name, long otherwise) {
        try {
            return Long.parseLong(text(ctx.queryParam(name)));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
