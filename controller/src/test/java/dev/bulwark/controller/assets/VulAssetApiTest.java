package dev.bulwark.controller.assets;

import static dev.bulwark.controller.ApiChecks.assertBadRequest;
import static dev.bulwark.controller.ApiChecks.assertError;
import static dev.bulwark.controller.ApiChecks.assertOk;
import static dev.bulwark.controller.ApiChecks.each;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.ApiChecks;
import dev.bulwark.controller.ControllerFixture.Reply;
import dev.bulwark.controller.ControllerTest;
import dev.bulwark.controller.api.Bodies;
import dev.bulwark.controller.registry.RegistryImage;
import dev.bulwark.controller.runtime.TestNode;
import dev.bulwark.controller.scan.Reports;
import dev.bulwark.controller.scan.RuntimeScan;
import dev.bulwark.core.json.Json;
import dev.bulwark.link.model.Workload;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vulnerability query sessions against a real controller: containers reported by a real node over the link,
 * registries made through the API, the vulnerability profile changed through the API; scan results kept in the
 * store as the runtime and registry scans keep them (reports in the scanner's JSON, gzipped).
 *
 * <p>The data: web-1 (namespace shop) has A and D, db-1 (vault) has B, node-1 has A, the image of registry
 * {@code hub} (global) has B and C, the image of registry {@code shoppe} (namespace shop) has nothing. The profile
 * accepts D, so it shows nowhere.
 */
class VulAssetApiTest extends ControllerTest {

    static final Workload WEB_1 = TestNode.workload("aa01", "web-1", "shop", "web", true);
    static final Workload DB_1 = TestNode.workload("bb01", "db-1", "vault", "db", true);
    static final String A = "CVE-2026-0001";
    static final String B = "CVE-2026-0002";
    static final String C = "CVE-2026-0003";
    static final String D = "CVE-2026-0004";

    TestNode node;

    @BeforeEach
    void seed() throws Exception {
        node = TestNode.join(c, admin, "node-1");
        node.report(true, WEB_1, DB_1);
        assertOk(c.as(admin, "POST", "/v1/vulnerability/profile/default/entry",
                "{\"config\": {\"name\": \"%s\", \"comment\": \"accepted\"}}".formatted(D)));
        ArrayNode a = vul(A, "Critical", 7.5, 9.8, 1_600_000_000L, 1_700_000_000L, "openssl", "1.1", "1.2", "");
        ArrayNode b = vul(B, "High", 5.0, 7.5, 1_650_000_000L, 1_650_000_000L, "zlib", "1.2.11", "", "");
        ArrayNode cv = vul(C, "Medium", 4.3, 5.3, 1_700_000_000L, 1_710_000_000L, "curl", "7.1", "7.2", "moderate");
        ArrayNode d = vul(D, "Low", 2.1, 2.0, 1_600_000_000L, 1_600_000_000L, "bash", "5.0", "", "");
        runtime(RuntimeScan.WORKLOAD, WEB_1.id(), "web-1", "shop", WEB_1.image(), join(a, d));
        runtime(RuntimeScan.WORKLOAD, DB_1.id(), "db-1", "vault", DB_1.image(), b);
        runtime(RuntimeScan.HOST, node.hostId(), "node-1", "", "", a);
        registry("hub", "");
        registry("shoppe", ", \"domains\": [\"shop\"]");
        image("hub", "team/app", "1.0", "sha256:img1", "alpine:3.19", join(b, cv));
        image("shoppe", "team/clean", "2.0", "sha256:img2", "debian:12", Bodies.JSON.createArrayNode());
    }

    @AfterEach
    void closeNode() {
        node.close();
    }

    private static ArrayNode vul(String name, String severity, double v2, double v3, long published, long modified,
            String pkg, String version, String fixed, String feedRating) {
        ArrayNode list = Bodies.JSON.createArrayNode();
        list.addObject().put("name", name).put("severity", severity).put("score", v2).put("score_v3", v3)
                .put("vectors", "AV:N").put("vectors_v3", "CVSS:3.1/AV:N").put("description", name + " text")
                .put("link", "https://nvd.nist.gov/vuln/detail/" + name).put("package_name", pkg)
                .put("package_version", version).put("fixed_version", fixed).put("published_timestamp", published)
                .put("last_modified_timestamp", modified).put("feed_rating", feedRating);
        return list;
    }

    private static ArrayNode join(ArrayNode... parts) {
        ArrayNode all = Bodies.JSON.createArrayNode();
        for (ArrayNode p : parts) {
            all.addAll(p);
        }
        return all;
    }

    private static String gzip(ObjectNode report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(Bodies.JSON.writeValueAsBytes(report));
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private void put(String key, Object record) throws Exception {
        c.controller().store().put(key, Json.storedSnakeCase().writeValueAsString(record));
    }

    /** A finished runtime scan, as {@code RuntimeScans} keeps it. */
    private void runtime(String kind, String id, String name, String domain, String image, ArrayNode vuls)
            throws Exception {
        ObjectNode report = Bodies.JSON.createObjectNode().put("base_os", "debian:12").put("cvedb_version", "1.0");
        report.set("vulnerabilities", vuls);
        put(RuntimeScan.KIND.key(RuntimeScan.key(kind, id)), new RuntimeScan(id, kind, name, domain, image, "",
                "finished", "succeeded", Reports.found(vuls), 1_700_000_000L, "2023-11-14T22:13:20Z", "debian:12",
                "1.0", "", gzip(report)));
    }

    private void registry(String name, String extra) {
        assertOk(c.as(admin, "POST", "/v1/scan/registry", ("{\"config\": {\"name\": \"%s\", \"registry_type\": "
                + "\"Docker Registry\", \"registry\": \"https://%s.example.com\", \"filters\": [\"team/*\"]%s}}")
                .formatted(name, name, extra)));
    }

    /** A finished registry image scan and its report, as {@code RegistryScans} keeps them. */
    private void image(String registry, String repository, String tag, String imageId, String baseOs,
            ArrayNode vuls) throws Exception {
        ObjectNode report = Bodies.JSON.createObjectNode().put("repository", repository).put("tag", tag)
                .put("image_id", imageId).put("base_os", baseOs);
        report.set("vulnerabilities", vuls);
        RegistryImage i = new RegistryImage(registry, "", repository, tag, imageId, "sha256:d-" + tag, 1000, "",
                false, "2026-01-01T00:00:00Z", List.of(), Map.of(), List.of(), RegistryImage.FINISHED,
                Reports.found(vuls), "succeeded", 1_700_000_000L, "2026-01-02T00:00:00Z", baseOs, "1.0",
                "2026-01-01", false);
        put(RegistryImage.KIND.key(i.id()), i);
        put(RegistryImage.Report.KIND.key(RegistryImage.Report.id(registry, imageId)),
                new RegistryImage.Report(registry, imageId, gzip(report)));
    }

    private JsonNode open(String token, String body) {
        return assertOk(c.as(token, "POST", "/v1/vulasset", body)).body();
    }

    private JsonNode page(String token, String query) {
        return assertOk(c.as(token, "GET", "/v1/vulasset?" + query, null)).body();
    }

    /** The names a query selects, in the order it sorted them. */
    private List<String> names(String body) {
        String q = open(admin, body).path("query_id").asText();
        return each(page(admin, "token=" + q).path("vulnerabilities"), "name");
    }

    @Test
    void aSessionCountsWhatItSelectedAndShowsTheTopAssets() {
        JsonNode s = open(admin, "{}");
        assertThat(s.path("query_id").asText()).hasSize(32);
        assertThat(s.path("status").asText()).isEqualTo("ready");
        assertThat(s.path("total_records").asInt()).isEqualTo(3);
        assertThat(s.path("total_matched_records").asInt()).isEqualTo(3);
        assertThat(s.path("debug_perf_stats").isNull()).isTrue();
        JsonNode dist = s.at("/summary/count_distribution");
        assertThat(List.of(dist.path("critical").asInt(), dist.path("high").asInt(), dist.path("medium").asInt(),
                dist.path("low").asInt(), dist.path("container").asInt(), dist.path("node").asInt(),
                dist.path("image").asInt(), dist.path("platform").asInt())).containsExactly(1, 1, 1, 0, 2, 1, 2, 0);
        JsonNode topImage = s.at("/summary/top_images/0");
        assertThat(topImage.path("id").asText()).isEqualTo("sha256:img1");
        assertThat(topImage.path("display_name").asText()).isEqualTo("team/app:1.0");
        assertThat(List.of(topImage.path("high").asInt(), topImage.path("medium").asInt())).containsExactly(1, 1);
        assertThat(topImage.has("critical")).as("critical is left out when 0").isFalse();
        assertThat(s.at("/summary/top_images").size()).isEqualTo(2);
        assertThat(s.at("/summary/top_nodes/0/display_name").asText()).isEqualTo("node-1");
        assertThat(s.at("/summary/top_nodes/0/critical").asInt()).isEqualTo(1);
    }

    @Test
    void eachVulnerabilityShowsItsPackagesAndAssets() {
        String q = open(admin, "").path("query_id").asText();
        JsonNode list = page(admin, "token=" + q).path("vulnerabilities");
        assertThat(each(list, "name")).containsExactly(C, B, A);
        JsonNode a = list.get(2);
        assertThat(a.path("severity").asText()).isEqualTo("Critical");
        assertThat(a.path("score_v3").asDouble()).isEqualTo(9.8);
        assertThat(a.path("published_timestamp").asLong()).isEqualTo(1_600_000_000L);
        assertThat(a.at("/packages/openssl/0/fixed_version").asText()).isEqualTo("1.2");
        assertThat(a.at("/workloads/0/display_name").asText()).isEqualTo("web-1");
        assertThat(a.at("/workloads/0/domain").asText()).isEqualTo("shop");
        assertThat(a.at("/workloads/0/image").asText()).isEqualTo(WEB_1.image());
        assertThat(a.at("/nodes/0/id").asText()).isEqualTo(node.hostId());
        assertThat(a.path("images").size()).isZero();
        assertThat(a.path("platforms").isArray()).isTrue();
        JsonNode b = list.get(1);
        assertThat(b.at("/images/0/display_name").asText()).isEqualTo("team/app:1.0");
        assertThat(b.at("/images/0/digest").asText()).isEqualTo("sha256:d-1.0");
        assertThat(list.get(0).path("feed_rating").asText()).isEqualTo("moderate");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                                                  | C B A
            {"packageType": "withFix"}                                          | C A
            {"packageType": "withoutFix"}                                       | B
            {"packageType": "withFixAll"}                                       | C A
            {"packageType": "nonsense", "severityType": "bad", "viewType": "x"} | C B A
            {"severityType": "high"}                                            | B
            {"severityType": "critical"}                                        | A
            {"scoreV2": [5, 8]}                                                 | B A
            {"scoreV3": [9, 10]}                                                | A
            {"scoreV3": [10, 9]}                                                | C B A
            {"scoreV2": [4, 6], "scoreV3": [7, 8]}                              | B
            {"publishedType": "before", "publishedTime": 1650000000}            | B A
            {"publishedType": "after", "publishedTime": 1650000000}             | C
            {"publishedType": "after"}                                          | C B A
            {"last_modified_timestamp": 1705000000}                             | C
            {"viewType": "containers"}                                          | B A
            {"viewType": "infrastructure"}                                      | A
            {"viewType": "registry"}                                            | C B
            {"matchTypeNs": "equals", "selectedDomains": ["shop"]}              | A
            {"matchTypeNs": "contains", "selectedDomains": ["AUL"]}             | B
            {"matchTypeNs": "equals", "selectedDomains": ["sho"]}               |
            {"selectedDomains": ["shop"]}                                       | C B A
            {"serviceName": "nv.db.vault", "matchTypeService": "equals", "viewType": "containers"} | B
            {"serviceName": "WEB", "matchTypeService": "contains", "viewType": "containers"}       | A
            {"containerName": "db-1", "matchTypeContainer": "equals", "viewType": "containers"}    | B
            {"containerName": "db-1", "matchTypeContainer": "equals"}                              | C B A
            {"nodeName": "node-1", "matchTypeNode": "equals", "viewType": "infrastructure"}         | A
            {"nodeName": "other", "matchTypeNode": "contains", "viewType": "infrastructure"}        |
            {"imageName": "team/app:1.0", "matchTypeImage": "equals", "viewType": "registry"}       | C B
            {"imageName": "clean", "matchTypeImage": "contains", "viewType": "registry"}            |
            {"imageBaseOS": "Alpine", "matchTypeImageBaseOS": "contains", "viewType": "registry"}   | C B
            {"imageBaseOS": "debian:12", "matchTypeImageBaseOS": "equals", "viewType": "registry"}  |
            {"orderbyColumn": "name", "orderby": "asc"}                         | A B C
            {"orderbyColumn": "score", "orderby": "asc"}                        | C B A
            {"orderbyColumn": "score_v3"}                                       | A B C
            {"orderbyColumn": "published_timestamp", "orderby": "asc"}          | A B C
            {"orderbyColumn": "impact"}                                         | B A C
            {"orderbyColumn": "feed_rating", "orderby": "desc"}                 | C B A
            """)
    void filtersAndOrderSelectAsNeuVectorDoes(String body, String expected) {
        assertThat(names(body)).containsExactlyElementsOf(expected == null ? List.of()
                : List.of(expected.split(" ")).stream().map(VulAssetApiTest::cve).toList());
    }

    private static String cve(String letter) {
        return switch (letter) {
            case "A" -> A;
            case "B" -> B;
            case "C" -> C;
            default -> throw new IllegalArgumentException(letter);
        };
    }

    @Test
    void pagesResortAndQuickFilter() {
        String q = open(admin, "{\"orderbyColumn\": \"name\", \"orderby\": \"asc\"}").path("query_id").asText();
        assertThat(each(page(admin, "token=" + q + "&start=1&row=1").path("vulnerabilities"), "name"))
                .containsExactly(B);
        assertThat(each(page(admin, "token=" + q + "&start=2&row=5").path("vulnerabilities"), "name"))
                .containsExactly(C);
        assertThat(page(admin, "token=" + q + "&start=9").path("vulnerabilities").size()).isZero();
        assertThat(each(page(admin, "token=" + q + "&row=-1").path("vulnerabilities"), "name"))
                .containsExactly(A, B, C);
        assertThat(each(page(admin, "token=" + q + "&start=x&row=y").path("vulnerabilities"), "name"))
                .as("numbers that are not default").containsExactly(A, B, C);
        assertThat(each(page(admin, "token=" + q + "&orderbyColumn=score_v3&orderby=desc").path("vulnerabilities"),
                "name")).containsExactly(A, B, C);
        assertThat(each(page(admin, "token=" + q + "&orderbyColumn=score_v3").path("vulnerabilities"), "name"))
                .as("a sort needs both column and order").containsExactly(A, B, C);
        JsonNode quick = page(admin, "token=" + q + "&qf=moderate");
        assertThat(each(quick.path("vulnerabilities"), "name")).containsExactly(C);
        assertThat(quick.path("qf_matched_records").asInt()).isEqualTo(1);
        assertThat(each(page(admin, "token=" + q + "&qf=cve-2026-000&row=2").path("vulnerabilities"), "name"))
                .containsExactly(A, B);
        assertThat(page(admin, "token=" + q + "&qf=cve-2026-000&row=2").path("qf_matched_records").asInt())
                .isEqualTo(3);
        assertThat(each(page(admin, "token=" + q + "&qf=7.5").path("vulnerabilities"), "name"))
                .as("v3 scores unless told").containsExactly(B);
        assertThat(each(page(admin, "token=" + q + "&qf=7.5&scoretype=v2").path("vulnerabilities"), "name"))
                .containsExactly(A);
        assertThat(page(admin, "token=" + q).path("qf_matched_records").asInt()).isZero();
        assertThat(each(page(admin, "token=" + q + "&lastmtime=1705000000").path("vulnerabilities"), "name"))
                .containsExactly(C);
    }

    @Test
    void theAssetViewShowsEachAssetWithTheSessionsVulnerabilities() {
        String q = open(admin, "{\"viewType\": \"all\"}").path("query_id").asText();
        JsonNode v = assertOk(c.as(admin, "POST", "/v1/assetvul?token=" + q, "")).body();
        assertThat(each(v.path("workloads"), "name")).containsExactlyInAnyOrder("web-1", "db-1");
        JsonNode web = v.path("workloads").get(each(v.path("workloads"), "name").indexOf("web-1"));
        assertThat(web.path("vulnerabilities").get(0).asText()).isEqualTo("C_" + A);
        assertThat(web.path("critical").asInt()).isEqualTo(1);
        assertThat(web.path("low").asInt()).as("accepted D is not counted").isZero();
        assertThat(web.path("service_group").asText()).isEqualTo("nv.web.shop");
        assertThat(web.path("domain").asText()).isEqualTo("shop");
        assertThat(v.at("/nodes/0/name").asText()).isEqualTo("node-1");
        assertThat(v.at("/nodes/0/containers").asInt()).isEqualTo(2);
        assertThat(v.at("/images/0/name").asText()).isEqualTo("team/app:1.0");
        assertThat(v.at("/images/0/vulnerabilities").toString()).contains("H_" + B, "M_" + C);
        assertThat(v.path("no_vul_images").size()).isZero();
        assertThat(v.path("platforms").size()).isZero();
        assertThat(each(v.path("vulnerabilities"), "name")).containsExactlyInAnyOrder(A, B, C);
        assertThat(v.path("summary").isNull()).isTrue();

        JsonNode recent = assertOk(c.as(admin, "POST", "/v1/assetvul?token=" + q,
                "{\"last_modified_timestamp\": 1705000000, \"include_no_vul_assets\": true}")).body();
        assertThat(each(recent.path("vulnerabilities"), "name")).containsExactly(C);
        assertThat(recent.path("workloads").size()).isZero();
        assertThat(each(recent.path("images"), "name")).containsExactly("team/app:1.0");
        assertThat(each(recent.path("no_vul_images"), "name")).containsExactly("team/clean:2.0");
    }

    @Test
    void theImagesSessionListsRegistryImages() {
        assertBadRequest(c.as(admin, "POST", "/v1/scan/asset/images", "{\"type\": \"node\"}"));
        JsonNode s = assertOk(c.as(admin, "POST", "/v1/scan/asset/images", "{\"type\": \"image\"}")).body();
        assertThat(s.path("total_records").asInt()).isEqualTo(2);
        assertThat(each(s.at("/summary/top_images"), "display_name")).containsExactly("team/app:1.0",
                "team/clean:2.0", "others");
        String q = s.path("query_id").asText();
        JsonNode all = assertOk(c.as(admin, "GET", "/v1/scan/asset/images?token=" + q, null)).body();
        assertThat(all.path("type").asText()).isEqualTo("image");
        assertThat(each(all.path("data"), "repository")).containsExactly("team/app", "team/clean");
        assertThat(all.path("qf_matched_records").asInt()).isEqualTo(2);
        JsonNode app = all.path("data").get(0);
        assertThat(app.path("image_id").asText()).isEqualTo("sha256:img1");
        assertThat(List.of(app.path("high").asInt(), app.path("medium").asInt())).containsExactly(1, 1);
        assertThat(app.path("reg_name").asText()).isEqualTo("hub");
        assertThat(app.path("repo_url").asText()).isEqualTo("https://hub.example.com/team/app:1.0");
        assertThat(app.path("base_os").asText()).isEqualTo("alpine:3.19");
        JsonNode second = assertOk(c.as(admin, "GET", "/v1/scan/asset/images?token=" + q + "&start=1&row=1", null))
                .body();
        assertThat(each(second.path("data"), "tag")).containsExactly("2.0");
        JsonNode quick = assertOk(c.as(admin, "GET", "/v1/scan/asset/images?token=" + q + "&qf=DEBIAN", null))
                .body();
        assertThat(each(quick.path("data"), "repository")).containsExactly("team/clean");
        assertThat(quick.path("qf_matched_records").asInt()).isEqualTo(1);
        JsonNode bySize = assertOk(c.as(admin, "GET", "/v1/scan/asset/images?token=" + q
                + "&orderbyColumn=cvecount&orderby=desc", null)).body();
        assertThat(each(bySize.path("data"), "repository")).containsExactly("team/app", "team/clean");
        assertError(c.as(admin, "GET", "/v1/vulasset?token=" + q, null), 500);
    }

    @Test
    void tokensThatAreMissingUnknownOrAnotherUsersAreCode53() {
        Reply none = assertError(c.as(admin, "GET", "/v1/vulasset", null), 400);
        assertThat(none.at("/code").asInt()).isEqualTo(53);
        assertThat(none.at("/message").asText()).isEqualTo("invalid request, no query token provided");
        assertThat(assertError(c.as(admin, "GET", "/v1/vulasset?token=feed", null), 500).at("/code").asInt())
                .isEqualTo(53);
        assertThat(assertError(c.as(admin, "POST", "/v1/assetvul?token=feed", ""), 500).at("/code").asInt())
                .isEqualTo(53);
        assertThat(assertError(c.as(admin, "POST", "/v1/assetvul", ""), 400).at("/code").asInt()).isEqualTo(53);
        assertThat(assertError(c.as(admin, "GET", "/v1/scan/asset/images?token=feed", null), 500).at("/code")
                .asInt()).isEqualTo(53);
        String mine = open(admin, "{}").path("query_id").asText();
        String rita = ApiChecks.reader(c, admin);
        assertThat(assertError(c.as(rita, "GET", "/v1/vulasset?token=" + mine, null), 500).at("/code").asInt())
                .isEqualTo(53);
    }

    @Test
    void aUserKeepsTenSessionsTheOldestDropped() {
        String first = open(admin, "{}").path("query_id").asText();
        String second = open(admin, "{}").path("query_id").asText();
        for (int i = 0; i < QuerySessions.PER_USER - 1; i++) {
            open(admin, "{}");
        }
        assertError(c.as(admin, "GET", "/v1/vulasset?token=" + first, null), 500);
        assertOk(c.as(admin, "GET", "/v1/vulasset?token=" + second, null));
    }

    @Test
    void badBodiesAreRefused() {
        assertThat(assertBadRequest(c.as(admin, "POST", "/v1/vulasset", "{\"packageType\": ")).at("/code").asInt())
                .isEqualTo(6);
        assertBadRequest(c.as(admin, "POST", "/v1/vulasset", "{\"scoreV2\": \"5\"}"));
        assertBadRequest(c.as(admin, "POST", "/v1/vulasset", "{\"selectedDomains\": \"shop\"}"));
        assertBadRequest(c.as(admin, "POST", "/v1/vulasset", "[]"));
        String q = open(admin, "{}").path("query_id").asText();
        assertBadRequest(c.as(admin, "POST", "/v1/assetvul?token=" + q, "{\"include_no_vul_assets\": 1}"));
        byte[] huge = ("{\"quickFilter\": \"" + "x".repeat(Bodies.MAX_BODY) + "\"}").getBytes();
        assertError(c.send("POST", "/v1/vulasset", huge, "X-Auth-Token", admin), 413);
        assertError(c.send("POST", "/v1/scan/asset/images", huge, "X-Auth-Token", admin), 413);
    }

    @Test
    void aNamespaceUserSeesOnlyItsNamespaces() {
        String sam = ApiChecks.user(c, admin, "sam", "", "{\"reader\": [\"shop\"]}");
        JsonNode s = open(sam, "{}");
        assertThat(s.path("total_records").asInt()).isEqualTo(1);
        assertThat(s.at("/summary/top_nodes").size()).isZero();
        JsonNode list = page(sam, "token=" + s.path("query_id").asText()).path("vulnerabilities");
        assertThat(each(list, "name")).containsExactly(A);
        assertThat(list.at("/0/nodes").size()).as("nodes need rt_scan globally").isZero();
        JsonNode images = assertOk(c.as(sam, "POST", "/v1/scan/asset/images", "{\"type\": \"image\"}")).body();
        String q = images.path("query_id").asText();
        assertThat(each(assertOk(c.as(sam, "GET", "/v1/scan/asset/images?token=" + q, null)).body().path("data"),
                "repository")).as("the images of its namespace's registry").containsExactly("team/clean");
    }

    @Test
    void callersWithoutRuntimeScanAreDenied() {
        String ci = ApiChecks.user(c, admin, "cid", "ciops", null);
        String q = open(admin, "{}").path("query_id").asText();
        assertError(c.as(ci, "POST", "/v1/vulasset", "{}"), 403);
        assertError(c.as(ci, "GET", "/v1/vulasset?token=" + q, null), 403);
        assertError(c.as(ci, "POST", "/v1/assetvul?token=" + q, ""), 403);
        assertError(c.as(ci, "POST", "/v1/scan/asset/images", "{\"type\": \"image\"}"), 403);
        assertError(c.as(ci, "GET", "/v1/scan/asset/images?token=" + q, null), 403);
        String rita = ApiChecks.reader(c, admin);
        assertThat(open(rita, "{}").path("total_records").asInt()).as("readers may query").isEqualTo(3);
    }
}
