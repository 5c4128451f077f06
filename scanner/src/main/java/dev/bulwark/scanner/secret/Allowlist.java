package dev.bulwark.scanner.secret;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What is not a secret though it looks like one: keys published as examples (AWS documentation's, jwt.io's), and
 * for generic rules, placeholders, numbers, plain identifiers, code and references to a secret kept elsewhere
 * ({@code ${DB_PASSWORD}}, {@code <your-token>}, {@code changeme}, {@code NextToken}). Also the paths never
 * searched: documentation, tests (directories and test source files) and examples.
 */
public final class Allowlist {

    /**
     * Keys published as examples in providers' documentation and SDKs: AWS's, Google's API documentation key,
     * Stripe's documented test keys.
     */
    private static final Set<String> PUBLISHED_EXAMPLES = Set.of(
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAI44QH8DHBEXAMPLE",
            "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
            "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2");
    private static final String JWT_IO_SIGNATURE = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    private static final List<String> PLACEHOLDER_WORDS = List.of("example", "changeme", "change_me", "placeholder",
            "your_", "your-", "yourpass", "xxxxxx", "******", "dummy", "sample", "redacted", "password", "secret",
            "replace", "insert", "notreal", "not-real", "not_a_real", "lorem", "fixme", "todo", "token", "apikey",
            "api_key",
            "<", ">", "${", "{{", "%(", "$(", "process.env", "os.environ", "getenv");
    /** Runs and sequences that random keys practically never hold (5 x's: 1 in 10^8 per position). */
    private static final Pattern FILLER = Pattern.compile(
            "([xX0*#.])\\1{4}|([B-Zb-z1-9+/_\\-])\\2{7}|(?i:12345678|abcdefgh|qwerty)");

    /** Names, not secrets: {@code NextToken}, {@code aws.session_token}, {@code X-Auth-Token}. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_.\\-]+");
    /**
     * Names among values of a provider's format, which may be random letters only: words of one case
     * ({@code my_mandrill_key}), not {@code PbSKjUTrnFmzAWa}.
     */
    private static final Pattern WORDS = Pattern.compile("[a-z]++(?:[_.\\-][a-z]++)*+|[A-Z]++(?:[_.\\-][A-Z]++)*+");
    /** Characters of regular expressions and code: an assigned value holding them is code, not a secret. */
    private static final String CODE_CHARS = "^[]\\(){}|`";
    /** Test sources by name: {@code x_test.go}, {@code test_x.py}, {@code x.spec.ts}, {@code x.test.js}. */
    private static final Pattern TEST_FILE = Pattern.compile(
            "(?:.*_test\\.[a-z]{1,5}|test_.*\\.py|.*\\.(?:test|spec)\\.[cm]?[jt]sx?)");

    private Allowlist() {}

    /**
     * Whether a found secret is a published example or a placeholder: {@code AKIAXXXXXXXXXXXXXXXX}, {@code ghp_xxxx...},
     * a run of one character or a counting sequence after the token's prefix ({@code prefixLength} characters,
     * which may be a run of their own, as a Twitter token's {@code AAAA...}). For a value given to a key, also a
     * number, a plain name, code, a reference ({@code ${DB_PASSWORD}}) or a placeholder word.
     */
    static boolean isExampleOrPlaceholder(String secret, int prefixLength, SecretRule rule) {
        if (PUBLISHED_EXAMPLES.contains(secret) || secret.endsWith(JWT_IO_SIGNATURE) || secret.contains("EXAMPLE")
                || FILLER.matcher(secret).region(Math.min(prefixLength, secret.length()), secret.length()).find()) {
            return true;
        }
        if (!rule.valued()) {
            return false;
        }
        Pattern names = rule.kind() == SecretRule.Kind.VALUE ? WORDS : IDENTIFIER;
        if (secret.startsWith("$") || secret.startsWith("%") || secret.chars().allMatch(Character::isDigit)
                || names.matcher(secret).matches() || secret.chars().anyMatch(c -> CODE_CHARS.indexOf(c) >= 0)
                || Assignments.isReference(secret)) {
            return true;
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String word : PLACEHOLDER_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> SOURCE_CODE = Set.of("py", "js", "mjs", "cjs", "ts", "rb", "go", "java", "kt",
            "scala", "c", "h", "cc", "cpp", "hpp", "cs", "php", "pl", "pm", "rs", "swift", "lua", "r", "groovy");
    private static final List<String> LIBRARY_DIRS = List.of("/site-packages/", "/dist-packages/", "/node_modules/",
            "/vendor/", "/gems/", "/usr/lib/", "/usr/share/");

    /**
     * Whether rules that match by key name apply to a file: configuration and scripts of the image's own, not
     * source code or installed libraries, whose examples and parameter names ({@code access_token = "..."} in
     * an OAuth library's docstrings) would drown real findings. Token formats apply everywhere.
     */
    public static boolean genericApplies(String path) {
        String p = "/" + path;
        for (String dir : LIBRARY_DIRS) {
            if (p.contains(dir)) {
                return false;
            }
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot <= 0 || !SOURCE_CODE.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * The language runtimes images carry: an interpreter's or compiler's own library (Perl's, Python's standard
     * library but not its site- or dist-packages, a JDK, a Go toolchain), shipped by a distribution or a language's
     * official image, never configuration of the image's own. In a Debian image they are most of the text there is.
     */
    private static final Pattern RUNTIME_LIBRARY = Pattern.compile("(?:usr/share/perl5?/"
            + "|usr/lib/(?:[a-z0-9_]+-linux-gnu[a-z]*/)?perl(?:5|-base)?/"
            + "|usr/(?:local/)?lib/python3\\.\\d+/(?!site-packages/|dist-packages/)"
            + "|usr/lib/jvm/|opt/java/openjdk/|usr/lib/go-[0-9.]+/|usr/local/go/).*");

    /**
     * Paths whose files are never searched: documentation, locales, headers, tests, examples, VCS data, and the
     * language runtimes' own libraries.
     */
    public static boolean skipsPath(String path) {
        if (RUNTIME_LIBRARY.matcher(path).matches()) {
            return true;
        }
        if (path.startsWith("usr/share/doc/") || path.startsWith("usr/share/man/") || path.startsWith("usr/share/info/")
                || path.startsWith("usr/share/locale/") || path.startsWith("usr/share/zoneinfo/")
                || path.startsWith("usr/share/i18n/") || path.startsWith("usr/include/")
                || path.startsWith("usr/share/ca-certificates/") || path.startsWith("etc/ssl/certs/")
                || path.startsWith("var/lib/dpkg/") || path.startsWith("var/lib/rpm/") || path.startsWith("lib/apk/db/")
                || path.startsWith("usr/share/mime/") || path.startsWith("proc/") || path.startsWith("sys/")) {
            return true;
        }
        String p = "/" + path;
        for (String dir : List.of(".dist-info/", ".egg-info/", "/test/", "/tests/", "/testdata/", "/testing/", "/__tests__/", "/spec/", "/specs/",
                "/fixtures/", "/example/", "/examples/", "/sample/", "/samples/", "/.git/", "/docs/", "/doc/")) {
            if (p.contains(dir)) {
                return true;
            }
        }
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return TEST_FILE.matcher(name).matches() || name.endsWith(".md") || name.endsWith(".rst") || name.endsWith(".html") || name.endsWith(".map")
                || name.endsWith(".pyc") || name.endsWith(".svg") || name.endsWith(".po");
    }
}
