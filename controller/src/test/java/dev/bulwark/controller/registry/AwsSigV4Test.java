package dev.bulwark.controller.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer against botocore's (Debian's python3-botocore), the signer of AWS's own command line tools. */
class AwsSigV4Test {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path BOTOCORE = Path.of("/usr/lib/python3/dist-packages/botocore");
    private static final AwsSigV4.Key KEY = new AwsSigV4.Key("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final String ORACLE = """
            import base64, json, sys
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            for case in json.load(sys.stdin):
                headers = dict(case["headers"], **{"X-Amz-Date": case["stamp"]})
                request = AWSRequest(method=case["method"], url=case["url"], data=base64.b64decode(case["body"]),
                                     headers=headers)
                request.context["timestamp"] = case["stamp"]
                signer = SigV4Auth(Credentials(case["key"], case["secret"]), case["service"], case["region"])
                canonical = signer.canonical_request(request)
                signature = signer.signature(signer.string_to_sign(request, canonical), request)
                print(signature)
            """;

    record Case(String method, String url, Map<String, String> headers, byte[] body, String region, String service,
            Instant at) {}

    @Test
    void signsAsBotocoreDoes() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && Files.isDirectory(BOTOCORE),
                BOTOCORE + " is missing (apt-get install python3-botocore): oracle test skipped");
        List<Case> cases = List.of(
                new Case("POST", "https://api.ecr.us-east-1.amazonaws.com/", Map.of("Content-Type",
                        "application/x-amz-json-1.1", "X-Amz-Target",
                        "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken"),
                        "{\"registryIds\":[\"123456789012\"]}".getBytes(StandardCharsets.UTF_8), "us-east-1", "ecr",
                        Instant.parse("2026-12-05T10:00:00Z")),
                new Case("POST", "https://api.ecr.cn-north-1.amazonaws.com.cn/", Map.of("Content-Type",
                        "application/x-amz-json-1.1"), new byte[0], "cn-north-1", "ecr",
                        Instant.parse("2026-02-28T23:59:59Z")),
                new Case("GET", "https://iam.amazonaws.com/?Version=2010-05-08&Action=ListUsers",
                        Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), new byte[0],
                        "us-east-1", "iam", Instant.parse("2015-08-30T12:36:00Z")),
                new Case("GET", "https://example.amazonaws.com:8443/a%20b/c-d_e.f~g?b=2&a=1&a=0&empty=",
                        Map.of("X-Custom", "  spaced   out  value "), "x".repeat(70_000).getBytes(StandardCharsets.UTF_8),
                        "eu-west-3", "execute-api", Instant.parse("2030-01-01T00:00:00Z")));

        List<String> theirs = botocore(cases);

        List<String> ours = new ArrayList<>();
        for (Case c : cases) {
            String authorization = AwsSigV4.sign(c.method(), URI.create(c.url()), c.headers(), c.body(), c.region(),
                    c.service(), KEY, c.at()).get("Authorization");
            ours.add(authorization.substring(authorization.indexOf("Signature=") + "Signature=".length()));
        }
        assertThat(ours).containsExactlyElementsOf(theirs);
    }

    @Test
    void namesTheKeyScopeAndSignedHeadersButNeverTheSecret() {
        Map<String, String> added = AwsSigV4.sign("POST", URI.create("https://api.ecr.us-east-1.amazonaws.com/"),
                Map.of("X-Amz-Target", "T", "Content-Type", "application/x-amz-json-1.1"), new byte[0], "us-east-1",
                "ecr", KEY, Instant.parse("2026-12-05T10:00:00Z"));

        assertThat(added).containsEntry("X-Amz-Date", "20261205T100000Z");
        assertThat(added.get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261205/"
                + "us-east-1/ecr/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=")
                .doesNotContain(KEY.secretAccessKey());
        assertThat(KEY.toString()).doesNotContain(KEY.secretAccessKey());
    }

    private static List<String> botocore(List<Case> cases) throws IOException, InterruptedException {
        List<Map<String, Object>> input = new ArrayList<>();
        for (Case c : cases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", c.method());
            m.put("url", c.url());
            m.put("headers", c.headers());
            m.put("body", Base64.getEncoder().encodeToString(c.body()));
            m.put("region", c.region());
            m.put("service", c.service());
            m.put("key", KEY.accessKeyId());
            m.put("secret", KEY.secretAccessKey());
            m.put("stamp", java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(c.at()));
            input.add(m);
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", ORACLE)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(Json.lenient().writeValueAsBytes(input));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("botocore's signer exits cleanly").isZero();
        return out.lines().toList();
    }
}
