package dev.bulwark.controller.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.ListQuery;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.policy.VulnerabilityProfiles;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A registry's scans: {@code POST|DELETE /v1/scan/registry/{name}/scan} start and stop one; {@code /images} lists
 * what was scanned ({@code RESTRegistryImageSummary}, by domain, repository and tag; with our {@code history=true},
 * also the images whose tags have left the registry since, marked {@code gone}), {@code /image/{id}} is an
 * image's {@code RESTScanReport} and {@code /layers/{id}} its {@code RESTScanLayersReport}. Permission
 * {@code reg_scan}, in the registry's namespaces, as for its configuration.
 */
public final class RegistryScanApi implements Consumer<Routes> {

    /** {@code RESTScanRepoReport}'s fields that are not {@code RESTScanReport}'s. */
    private static final Set<String> REPOSITORY_FIELDS = Set.of("image_id", "registry", "repository", "tag",
            "digest", "size", "author", "base_os", "created_at", "cvedb_version", "cvedb_create_time", "layers",
            "warnings", "verdict");

    private final Registries registries;
    private final RegistryScans scans;
    private final VulnerabilityProfiles profiles;

    public RegistryScanApi(Registries registries, RegistryScans scans, VulnerabilityProfiles profiles) {
        this.registries = registries;
        this.scans = scans;
        this.profiles = profiles;
    }

    @Override
    public void accept(Routes given) {
        Routes routes = given.inNamespaces();
        String perm = Permissions.REG_SCAN;
        String one = "/v1/scan/registry/{name}";
        routes.post(one + "/scan", perm, ctx -> {
            scans.start(registries.writable(Access.of(ctx), ctx.pathParam("name")).name());
            ctx.json(Map.of());
        });
        routes.delete(one + "/scan", perm, ctx -> {
            scans.stop(registries.writable(Access.of(ctx), ctx.pathParam("name")).name());
            ctx.json(Map.of());
        });
        routes.get(one + "/images", perm, this::images);
        routes.get(one + "/image/{id}", perm, ctx -> ctx.json(Map.of("report", imageReport(shown(ctx)))));
        routes.get(one + "/layers/{id}", perm, ctx -> ctx.json(Map.of("report", Map.of("layers",
                layers(shown(ctx))))));
    }

    private void images(Context ctx) {
        RegistryConfig r = registries.get(Access.of(ctx), ctx.pathParam("name"));
        List<RegistryImage> images = ("true".equals(ctx.queryParam("history")) ? scans.images(r.name())
                : scans.currentImages(r.name())).stream()
                .sorted(Comparator.comparing(RegistryImage::domain).thenComparing(RegistryImage::repository)
                        .thenComparing(RegistryImage::tag)).toList();
        VulnerabilityProfiles.Acceptance accepted = profiles.acceptance();
        ctx.json(Map.of("images", ListQuery.of(ctx).select(images.stream().map(i -> view(i, accepted)).toList(),
                v -> v)));
    }

    /** {@code RESTRegistryImageSummary}: the stored summary, counted as the profile has it, without our fields. */
    private static JsonNode view(RegistryImage image, VulnerabilityProfiles.Acceptance accepted) {
        ObjectNode v = Bodies.JSON.valueToTree(image);
        v.remove(List.of("registry", "found"));
        if (!image.gone()) {
            v.remove("gone");
        }
        int[] counts = image.counts(accepted);
        v.put("critical", counts[0]).put("high", counts[1]).put("medium", counts[2]);
        return v;
    }

    /** An image's report, the vulnerabilities the profile accepts for it left out (or tagged, with show=accepted). */
    private JsonNode shown(Context ctx) {
        RegistryConfig r = registries.get(Access.of(ctx), ctx.pathParam("name"));
        return scans.shownReport(r.name(), ctx.pathParam("id"), "accepted".equals(ctx.queryParam("show")))
                .orElseThrow(() -> ApiException.notFound("Image"));
    }

    /** {@code RESTScanReport}: the repository report without what names the repository. */
    private static JsonNode imageReport(JsonNode repositoryReport) {
        ObjectNode report = repositoryReport.deepCopy();
        REPOSITORY_FIELDS.forEach(report::remove);
        for (String always : List.of("vulnerabilities", "secrets", "setid_perms")) {
            if (!report.path(always).isArray()) {
                report.putArray(always);
            }
        }
        return report;
    }

    /** {@code RESTScanLayer}s, each with {@code secrets}, which NeuVector's CLI reads without looking first. */
    private static ArrayNode layers(JsonNode repositoryReport) {
        ArrayNode layers = Bodies.JSON.createArrayNode();
        for (JsonNode layer : repositoryReport.path("layers")) {
            ObjectNode l = layer.deepCopy();
            if (!l.has("secrets")) {
                l.putArray("secrets");
            }
            layers.add(l);
        }
        return layers;
    }
}
