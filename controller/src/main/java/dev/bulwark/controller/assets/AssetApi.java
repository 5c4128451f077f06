package dev.bulwark.controller.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.policy.Group;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.registry.RegistryImage;
import dev.bulwark.controller.registry.RegistryScans;
import dev.bulwark.controller.runtime.RuntimeState;
import dev.bulwark.controller.scan.RuntimeScan;
import dev.bulwark.controller.scan.RuntimeScans;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code GET /v1/scan/asset} ({@code RESTVulnerabilityAssetData}, NeuVector's "all vulnerabilities" view, which its
 * CLI's {@code show scan report all} reads): each vulnerability once, with its packages and versions and the
 * containers, nodes and images it was found in, and those assets by id with their names and policy modes. Running
 * containers, connected nodes and registry images are taken as their last scans saw them, the vulnerability
 * profile's accepted vulnerabilities left out (NeuVector leaves them out of registry images only). Sorted by
 * severity, then name. Permission {@code rt_scan}, globally.
 */
public final class AssetApi implements Consumer<Routes> {

    private static final List<String> SEVERITIES = List.of("Critical", "High", "Medium", "Low");

    private final RuntimeScans runtimeScans;
    private final RegistryScans registryScans;
    private final RuntimeState state;
    private final Policy policy;

    public AssetApi(RuntimeScans runtimeScans, RegistryScans registryScans, RuntimeState state, Policy policy) {
        this.runtimeScans = runtimeScans;
        this.registryScans = registryScans;
        this.state = state;
        this.policy = policy;
    }

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/scan/asset", Permissions.RT_SCAN, ctx -> ctx.json(view()));
    }

    /** One vulnerability across assets. */
    private static final class Found {
        final ObjectNode vulnerability;
        final Map<String, List<Map<String, String>>> packages = new TreeMap<>();
        final ArrayNode workloads = Bodies.JSON.createArrayNode();
        final ArrayNode nodes = Bodies.JSON.createArrayNode();
        final ArrayNode images = Bodies.JSON.createArrayNode();

        Found(JsonNode v) {
            vulnerability = Bodies.JSON.createObjectNode();
            for (String field : List.of("name", "severity", "description", "link", "score", "vectors", "score_v3",
                    "vectors_v3", "published_timestamp", "last_modified_timestamp")) {
                vulnerability.set(field, v.path(field).isMissingNode() ? Bodies.JSON.nullNode() : v.path(field));
            }
        }

        void add(JsonNode v, ArrayNode assets, String asset) {
            List<Map<String, String>> versions = packages.computeIfAbsent(v.path("package_name").asText(),
                    k -> new java.util.ArrayList<>());
            Map<String, String> version = Map.of("package_version", v.path("package_version").asText(),
                    "fixed_version", v.path("fixed_version").asText());
            if (!versions.contains(version)) {
                versions.add(version);
            }
            for (JsonNode a : assets) {
                if (a.asText().equals(asset)) {
                    return;
                }
            }
            assets.add(asset);
        }
    }

    private ObjectNode view() {
        Map<String, Found> found = new LinkedHashMap<>();
        ObjectNode workloads = Bodies.JSON.createObjectNode();
        ObjectNode nodes = Bodies.JSON.createObjectNode();
        ObjectNode images = Bodies.JSON.createObjectNode();
        Map<String, String> imageModes = new TreeMap<>();
        for (RuntimeScan s : runtimeScans.runningWorkloads()) {
            String mode = mode(s.id());
            workloads.set(s.id(), idName(s.name(), mode, s.domain()));
            String image = s.imageId().isEmpty() ? s.image() : s.imageId();
            if (!image.isEmpty()) {
                imageModes.merge(image, mode, AssetApi::morePermissive);
                images.set(image, idName(s.image(), imageModes.get(image), ""));
            }
            runtimeScans.report(RuntimeScan.WORKLOAD, s.id(), false).ifPresent(r -> r.path("vulnerabilities")
                    .forEach(v -> {
                        Found f = found.computeIfAbsent(v.path("name").asText(), k -> new Found(v));
                        f.add(v, f.workloads, s.id());
                        if (!image.isEmpty()) {
                            f.add(v, f.images, image);
                        }
                    }));
        }
        for (RuntimeState.Agent a : state.agents()) {
            if (a.host() == null) {
                continue;
            }
            String host = a.hostId();
            runtimeScans.report(RuntimeScan.HOST, host, false).ifPresent(r -> {
                nodes.set(host, idName(a.hostName(), "", ""));
                r.path("vulnerabilities").forEach(v -> {
                    Found f = found.computeIfAbsent(v.path("name").asText(), k -> new Found(v));
                    f.add(v, f.nodes, host);
                });
            });
        }
        for (RegistryImage i : registryScans.allImages()) {
            if (i.imageId().isEmpty()) {
                continue;
            }
            registryScans.shownReport(i.registry(), i.imageId(), false).ifPresent(r -> {
                images.set(i.imageId(), idName(i.repository() + ":" + i.tag(), imageModes.getOrDefault(i.imageId(),
                        ""), i.domain()));
                r.path("vulnerabilities").forEach(v -> {
                    Found f = found.computeIfAbsent(v.path("name").asText(), k -> new Found(v));
                    f.add(v, f.images, i.imageId());
                });
            });
        }
        ArrayNode list = Bodies.JSON.createArrayNode();
        found.values().stream().filter(f -> f.vulnerability.path("score").asDouble() != 0
                        || f.vulnerability.path("score_v3").asDouble() != 0)
                .sorted(Comparator.comparingInt((Found f) -> rank(f.vulnerability.path("severity").asText()))
                        .thenComparing(f -> f.vulnerability.path("name").asText(), Comparator.reverseOrder()))
                .forEach(f -> {
                    ObjectNode v = f.vulnerability.deepCopy();
                    v.set("packages", Bodies.JSON.valueToTree(f.packages));
                    v.set("workloads", f.workloads);
                    v.set("nodes", f.nodes);
                    v.set("images", f.images);
                    v.putArray("platforms");
                    list.add(v);
                });
        ObjectNode view = Bodies.JSON.createObjectNode();
        view.set("vulnerabilities", list);
        view.set("workloads", workloads);
        view.set("nodes", nodes);
        view.set("images", images);
        view.putObject("platforms");
        return view;
    }

    /** {@code [RESTIDName]}: NeuVector blanks the id, which is the map's key. */
    private static ArrayNode idName(String name, String policyMode, String domain) {
        ArrayNode one = Bodies.JSON.createArrayNode();
        ObjectNode n = one.addObject();
        n.put("id", "").put("display_name", name).put("policy_mode", policyMode);
        ArrayNode domains = n.putArray("domains");
        if (!domain.isEmpty()) {
            domains.add(domain);
        }
        return one;
    }

    private String mode(String workloadId) {
        return state.workload(workloadId).map(r -> r.workload().group()).flatMap(g -> g.isEmpty() ? Optional.empty()
                : policy.group(g)).map(Group::policyMode).orElse("");
    }

    /** Discover is more permissive than Monitor, which is more than Protect. */
    private static String morePermissive(String a, String b) {
        List<String> order = List.of("Discover", "Monitor", "Protect");
        int ia = order.indexOf(a);
        int ib = order.indexOf(b);
        return ia < 0 ? b : ib < 0 ? a : ia <= ib ? a : b;
    }

    private static int rank(String severity) {
        int i = SEVERITIES.indexOf(severity);
        return i < 0 ? SEVERITIES.size() : i;
    }
}
