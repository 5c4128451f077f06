package dev.bulwark.scanner.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.SecretFinding;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.source.RootDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of planted secrets (made up here with a seeded random source, in the providers' formats) and of
 * look-alikes, scanned as a directory: every planted secret must be found by its rule, no look-alike may be.
 */
class SecretCorpusTest {

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String ALNUM = UPPER + LOWER + DIGITS;
    private static final String HEX = "0123456789abcdef";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final Random random = new Random(20261125);

    private String r(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private String pemBody() {
        byte[] key = new byte[600];
        random.nextBytes(key);
        return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key);
    }

    /** rule id -> (file path, content with the secret); each file plants one secret. */
    private Map<String, String[]> planted() {
        Map<String, String[]> p = new LinkedHashMap<>();
        p.put("aws-access-key-id", new String[] {"root/.aws/credentials",
                "[default]\naws_access_key_id = AKIA" + r(BASE32, 16) + "\n"});
        p.put("aws-secret-access-key", new String[] {"app/.env.aws",
                "AWS_SECRET_ACCESS_KEY=" + r(ALNUM + "/+", 40) + "\n"});
        p.put("github-pat", new String[] {"app/deploy.sh", "git clone https://x:ghp_" + r(ALNUM, 36) + "@github.com/o/r\n"});
        p.put("github-fine-grained-pat", new String[] {"app/ci.yml", "token: github_pat_" + r(ALNUM + "_", 82) + "\n"});
        p.put("github-oauth-token", new String[] {"app/gh.json", "{\"oauth\": \"gho_" + r(ALNUM, 36) + "\"}\n"});
        p.put("github-app-token", new String[] {"app/gh2.json", "{\"t\": \"ghs_" + r(ALNUM, 36) + "\"}\n"});
        p.put("github-refresh-token", new String[] {"app/gh3.json", "{\"r\": \"ghr_" + r(ALNUM, 76) + "\"}\n"});
        p.put("gitlab-pat", new String[] {"app/gl.cfg", "GL=glpat-" + r(ALNUM, 20) + "\n"});
        p.put("gitlab-runner-token", new String[] {"etc/gitlab-runner/config.toml", "token = \"glrt-" + r(ALNUM, 20) + "\"\n"});
        p.put("gitlab-pipeline-trigger-token", new String[] {"app/trigger.sh", "curl -F token=glptt-" + r(HEX, 40) + " x\n"});
        p.put("slack-bot-token", new String[] {"app/slack.py", "client = WebClient(\"xoxb-" + r(DIGITS, 12) + "-"
                + r(DIGITS, 12) + "-" + r(ALNUM, 24) + "\")\n"});
        p.put("slack-user-token", new String[] {"app/slack2.py", "t = 'xoxp-" + r(DIGITS, 12) + "-" + r(DIGITS, 12) + "-"
                + r(DIGITS, 12) + "-" + r(HEX, 32) + "'\n"});
        p.put("slack-app-token", new String[] {"app/slack3.py", "t = 'xapp-1-A" + r(UPPER + DIGITS, 10) + "-"
                + r(DIGITS, 13) + "-" + r(HEX, 64) + "'\n"});
        p.put("slack-webhook-url", new String[] {"app/notify.sh", "curl https://hooks.slack.com/services/T" + r(UPPER, 8)
                + "/B" + r(UPPER, 8) + "/" + r(ALNUM, 24) + "\n"});
        p.put("stripe-secret-key", new String[] {"app/pay.rb", "Stripe.api_key = 'sk_live_" + r(ALNUM, 24) + "'\n"});
        p.put("google-api-key", new String[] {"app/maps.js", "const k = 'AIza" + r(ALNUM + "_-", 35) + "';\n"});
        p.put("gcp-service-account", new String[] {"app/sa.json", "{\n  \"type\": \"service_account\",\n  \"project_id\": \"p\"\n}\n"});
        p.put("private-key", new String[] {"etc/ssl/private/server.key",
                "-----BEGIN RSA PRIVATE KEY-----\n" + pemBody() + "\n-----END RSA PRIVATE KEY-----\n"});
        p.put("jwt", new String[] {"app/session.txt", "Authorization: Bearer eyJ" + r(ALNUM, 30) + ".eyJ" + r(ALNUM, 60) + "."
                + r(ALNUM + "_-", 43) + "\n"});
        p.put("npm-access-token", new String[] {"app/publish.sh", "NPM=npm_" + r(ALNUM, 36) + "\n"});
        p.put("npmrc-auth-token", new String[] {"root/.npmrc", "//registry.npmjs.org/:_authToken=" + r(ALNUM, 36) + "\n"});
        p.put("pypi-upload-token", new String[] {"root/.pypirc", "password = pypi-AgEIcHlwaS5vcmc" + r(ALNUM, 60) + "\n"});
        p.put("docker-config-auth", new String[] {"root/.docker/config.json", "{\"auths\": {\"r.example\": {\"auth\": \""
                + Base64.getEncoder().encodeToString(("admin:" + r(ALNUM, 16)).getBytes(StandardCharsets.UTF_8)) + "\"}}}\n"});
        p.put("sendgrid-api-key", new String[] {"app/mail.py", "SG_KEY = 'SG." + r(ALNUM, 22) + "." + r(ALNUM, 43) + "'\n"});
        p.put("twilio-api-key", new String[] {"app/sms.py", "TWILIO_KEY_SID = 'SK" + r(HEX, 32) + "'\n"});
        p.put("mailgun-api-key", new String[] {"app/mg.py", "MAILGUN_API = 'key-" + r(HEX, 32) + "'\n"});
        p.put("mailchimp-api-key", new String[] {"app/mc.py", "MC = '" + r(HEX, 32) + "-us14'\n"});
        p.put("heroku-api-key", new String[] {"app/heroku.sh", "HEROKU_API_KEY=" + r(HEX, 8) + "-" + r(HEX, 4) + "-"
                + r(HEX, 4) + "-" + r(HEX, 4) + "-" + r(HEX, 12) + "\n"});
        p.put("square-access-token", new String[] {"app/sq.js", "sq = 'sq0atp-" + r(ALNUM, 22) + "'\n"});
        p.put("square-oauth-secret", new String[] {"app/sq2.js", "sq = 'sq0csp-" + r(ALNUM, 43) + "'\n"});
        p.put("shopify-token", new String[] {"app/shop.js", "s = 'shpat_" + r(HEX, 32) + "'\n"});
        p.put("facebook-access-token", new String[] {"app/fb.js", "fb = 'EAACEdEose0cBA" + r(ALNUM, 40) + "'\n"});
        p.put("twitter-bearer-token", new String[] {"app/tw.js", "tw = 'AAAAAAAAAAAAAAAAAAAAA" + r(ALNUM, 50) + "'\n"});
        p.put("linkedin-client-secret", new String[] {"app/li.properties", "linkedin.client.secret=" + r(ALNUM, 16) + "\n"});
        p.put("azure-storage-account-key", new String[] {"app/az.cfg", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey="
                + r(ALNUM + "+/", 86) + "==;EndpointSuffix=core.windows.net\n"});
        p.put("azure-ad-client-secret", new String[] {"app/aad.json", "{\"clientSecret\": \"abc8Q~" + r(ALNUM, 34) + "\"}\n"});
        p.put("digitalocean-token", new String[] {"app/do.sh", "DO=dop_v1_" + r(HEX, 64) + "\n"});
        p.put("vault-service-token", new String[] {"app/vault.hcl", "token = \"hvs." + r(ALNUM, 95) + "\"\n"});
        p.put("terraform-cloud-token", new String[] {"root/.terraformrc", "credentials \"app.terraform.io\" { token = \""
                + r(ALNUM, 14) + ".atlasv1." + r(ALNUM, 67) + "\" }\n"});
        p.put("openai-api-key", new String[] {"app/ai.py", "openai.api_key = 'sk-" + r(ALNUM, 20) + "T3BlbkFJ" + r(ALNUM, 20) + "'\n"});
        p.put("anthropic-api-key", new String[] {"app/ant.py", "k = 'sk-ant-api03-" + r(ALNUM, 93) + "'\n"});
        p.put("databricks-token", new String[] {"app/db.cfg", "host=x\nt=dapi" + r(HEX, 32) + "\n"});
        p.put("age-secret-key", new String[] {"root/.age/key.txt", "# created\nAGE-SECRET-KEY-1"
                + r("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58) + "\n"});
        p.put("uri-credentials", new String[] {"app/config/database.yml", "url: postgres://app:" + r(ALNUM, 14)
                + "@db.internal:5432/app\n"});
        p.put("generic-secret-assignment", new String[] {"app/settings.json", "{\"db_password\": \"" + r(ALNUM + "#$%", 16)
                + "\"}\n"});
        p.put("env-secret-assignment", new String[] {"app/.env", "DEBUG=1\nDB_PASSWORD=" + r(ALNUM + "!@", 18) + "\n"});
        return p;
    }

    /** path -> content that must not be reported. */
    private Map<String, String> lookAlikes() {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("app/aws-docs.txt", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = "
                + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        l.put("app/conf.yml", "password: ${DB_PASSWORD}\napi_key: \"<your-api-key>\"\ntoken: '{{ vault_token }}'\n");
        l.put("app/weak.json", "{\"password\": \"aaaaaaaaaa\", \"token\": \"1234567812345678\"}\n");
        l.put("app/pem.py", "HEADER = '-----BEGIN RSA PRIVATE KEY-----'\nFOOTER = '-----END RSA PRIVATE KEY-----'\n");
        l.put("app/short.txt", "ghp_tooShort AKIA1234 xoxb-123\n");
        l.put("app/jwtio.txt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0"
                + "IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n");
        l.put("app/urls.txt", "see https://user:${PASS}@host.local/ and postgres://app:changeme@db/app\n");
        l.put("app/env.sh", "export DB_PASSWORD=\"$DB_PASSWORD\"\nAPI_TOKEN=${TOKEN}\nSECRET_KEY=changeme123\n");
        l.put("usr/share/doc/app/README", "-----BEGIN RSA PRIVATE KEY-----\n" + pemBody() + "\n-----END RSA PRIVATE KEY-----\n");
        l.put("app/tests/fixtures.py", "KEY = 'AKIA" + r(BASE32, 16) + "'\n");
        l.put("app/paginators.json", "{\"input_token\": \"ExclusiveStartKeyName\", \"output_token\": "
                + "\"LastEvaluatedKey\"}\n");
        l.put("app/syntax.conf", "token_pattern = '^[^<>]*(foo|bar)9$'\n");
        l.put("app/src/db_test.go", "const key = \"AKIA" + r(BASE32, 16) + "\"\n");
        l.put("app/web/login.spec.ts", "const token = 'ghp_" + r(ALNUM, 36) + "';\n");
        l.put("app/words.txt", "The secret of a good token is a password manager; keys are not secrets here.\n");
        return l;
    }

    @Test
    void everyPlantedSecretIsFoundAndNoLookAlike(@TempDir Path root) throws IOException {
        Map<String, String[]> planted = planted();
        Map<String, String> lookAlikes = lookAlikes();
        assertThat(planted.keySet()).hasSizeGreaterThanOrEqualTo(40)
                .containsExactlyInAnyOrderElementsOf(SecretRules.builtIn().stream().map(SecretRule::id).toList());
        for (String[] file : planted.values()) {
            write(root, file[0], file[1]);
        }
        lookAlikes.forEach((path, content) -> write(root, path, content));

        ImageInventory inventory = Analyzers.scanner().scan(new RootDirectory("dir:" + root, root), ScanProgress.NONE);
        Set<String> truePositives = new TreeSet<>();
        List<String> falsePositives = new ArrayList<>();
        Set<String> plantedFiles = new HashSet<>();
        planted.forEach((rule, file) -> plantedFiles.add(file[0] + " " + rule));
        for (SecretFinding f : inventory.secrets()) {
            if (plantedFiles.contains(f.path() + " " + f.ruleId())) {
                truePositives.add(f.path() + " " + f.ruleId());
            } else {
                falsePositives.add(f.path() + " " + f.ruleId() + " " + f.match());
            }
        }
        System.out.printf("secret corpus: %d planted, %d true positives, %d false positives%n", planted.size(),
                truePositives.size(), falsePositives.size());
        assertThat(truePositives).isEqualTo(new TreeSet<>(plantedFiles));
        assertThat(falsePositives).isEmpty();
    }

    @Test
    void reportsShowFileLineAndRedactedMatchNeverTheSecret(@TempDir Path root) throws IOException {
        String secret = "ghp_" + r(ALNUM, 36);
        write(root, "app/notes.txt", "line one\nline two\ntoken " + secret + " here\n");
        SecretFinding f = Analyzers.scanner().scan(new RootDirectory("dir:" + root, root), ScanProgress.NONE)
                .secrets().getFirst();
        assertThat(f.path()).isEqualTo("app/notes.txt");
        assertThat(f.line()).isEqualTo(3);
        assertThat(f.ruleId()).isEqualTo("github-pat");
        assertThat(f.match()).startsWith("ghp_").contains("****").doesNotContain(secret.substring(4, 12));
    }

    @Test
    void anAssignmentIsShownWithItsWholeKeyNameAndTheValueRedacted() {
        String secret = r(ALNUM + "#$%", 16);
        List<SecretScanner.Match> found = new SecretScanner(SecretRules.builtIn()).scan(
                "{\"settings\": {\"primary_db_password\": \"" + secret + "\"}}\n");
        assertThat(found).extracting(m -> m.rule().id()).containsExactly("generic-secret-assignment");
        assertThat(found.getFirst().redacted()).startsWith("primary_db_password\": \"").contains("****")
                .doesNotContain(secret.substring(2, 12));
    }

    @Test
    void aHugeSingleLineIsSearchedInBoundedChunksAcrossBorders() throws IOException {
        String secret = "AKIA" + r(BASE32, 16);
        int border = SecretScanner.CHUNK;
        StringBuilder text = new StringBuilder(30 << 20);
        while (text.length() < border - 10) {
            text.append("var a=function(b){return b*2};");
        }
        text.setLength(border - 10);
        text.append(secret).append(';');
        while (text.length() < 30 << 20) {
            text.append("x=1;");
        }
        text.append('\n').append("k=\"").append("sk_live_").append(r(ALNUM, 30)).append("\"\n");
        byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<SecretScanner.Match> found = new SecretScanner(SecretRules.builtIn()).scan(
                (InputStream) new ByteArrayInputStream(bytes), true);
        assertThat(found).extracting(m -> m.rule().id() + ":" + m.line())
                .containsExactly("aws-access-key-id:1", "stripe-secret-key:2");
    }

    @Test
    void aStringWithCharactersBeyondLatin1IsSearchedAtTheRightPlaces() {
        String key = "AKIA" + r(BASE32, 16);
        String value = "\uD83D\uDE80".repeat(200) + " token=" + key + "\n\u4E2D\u6587 ghp_" + r(ALNUM, 36);
        assertThat(new SecretScanner(SecretRules.builtIn()).scan(value)).extracting(m -> m.rule().id() + ":" + m.line())
                .containsExactly("aws-access-key-id:1", "github-pat:2");
    }

    @Test
    void binaryContentIsSkipped() throws IOException {
        byte[] binary = ("\0\1\2AKIA" + r(BASE32, 16)).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new SecretScanner(SecretRules.builtIn()).scan((InputStream) new ByteArrayInputStream(binary), true))
                .isEmpty();
    }

    private static void write(Path root, String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
