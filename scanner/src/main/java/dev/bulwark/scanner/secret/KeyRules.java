package dev.bulwark.scanner.secret;

import static dev.bulwark.core.scan.SeverityLevel.CRITICAL;
import static dev.bulwark.core.scan.SeverityLevel.MEDIUM;
import static dev.bulwark.scanner.secret.SecretRule.prefixed;

import dev.bulwark.core.scan.SeverityLevel;
import dev.bulwark.scanner.secret.SecretRule.Kind;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Private keys of every armour, JSON Web Tokens, and the generic rules that know a secret by its context: a
 * secret-like key name, a password in a URL, an {@code Authorization} header, a {@code .netrc} entry.
 */
final class KeyRules {

    private KeyRules() {}

    /**
     * A line break inside a key block: a real one, one escaped in a JSON or shell string ({@code \n}), with the
     * indentation of a YAML block scalar; or the spaces of a key pasted onto one line.
     */
    private static final String BREAK = "(?:[ \\t]{0,20}+(?:\\r?\\n|(?:\\\\r)?\\\\n)[ \\t]{0,20}+|[ \\t]{1,4}+)";

    static List<SecretRule> all() {
        return List.of(
                new SecretRule("private-key", "PrivateKey", "Private key", CRITICAL, List.of("private key"),
                        Pattern.compile("-----BEGIN (?:[A-Z0-9]{1,10} ){0,3}PRIVATE KEY(?: BLOCK)?-----" + BREAK
                                + "(?:[A-Za-z\\-]{1,30}: [^\\r\\n\\\\]{1,200}+" + BREAK + "){0,4}"
                                + "(?:[ \\t]{0,20}+(?:\\r?\\n|(?:\\\\r)?\\\\n)[ \\t]{0,20}+)?([A-Za-z0-9+/=]{40,100}+)"),
                        1, 0, Kind.TOKEN, false, SecretRule.DEFAULT_REACH),
                new SecretRule("putty-private-key", "PrivateKey", "PuTTY private key", CRITICAL,
                        List.of("putty-user-key-file-"), Pattern.compile("PuTTY-User-Key-File-[23]: [A-Za-z0-9@.\\-]{3,40}+"
                                + BREAK + "(?:[A-Za-z\\-]{1,30}: [^\\r\\n\\\\]{0,200}+" + BREAK + "|[A-Za-z0-9+/=]{1,100}+"
                                + BREAK + "){2,40}?Private-Lines: \\d{1,3}" + BREAK + "([A-Za-z0-9+/=]{20,100}+)"),
                        1, 0, Kind.TOKEN, true, 4096),
                prefixed("jwt", "JWT", "JSON Web Token", MEDIUM,
                        "\\beyJ[A-Za-z0-9_\\-]{10,2000}+\\.ey[A-Za-z0-9_\\-]{10,8000}+\\.[A-Za-z0-9_\\-]{0,1000}+",
                        "eyj").reaching(12_000),
                context("uri-credentials", "Credentials", "Password in a connection string or URL", SeverityLevel.HIGH,
                        "(?<=\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver"
                                + "|ldaps?|ftps?|sftp|smtps?|https?|clickhouse|cockroachdb|couchbases?|neo4j(?:\\+s)?"
                                + "|bolt|nats|kafka|mqtts?|jdbc:[a-z]{2,12}:?/?))://[^\\s:/@\"'<>]{1,64}+:"
                                + "([^\\s@/\"'<>]{3,128}+)@[A-Za-z0-9][A-Za-z0-9.\\-]{0,253}", 2.0, "://"),
                new SecretRule("generic-secret-assignment", "Credentials", "Secret assigned in a configuration file",
                        MEDIUM, List.of("pass", "pwd", "secret", "token", "credential", "apikey", "api_key", "api-key",
                                "api.key", "accesskey", "access_key", "access-key", "privatekey", "private_key",
                                "private-key", "authkey", "auth_key"),
                        Pattern.compile("(?i:pass|pwd|secret|token|credential|api[_.\\-]?key|access[_.\\-]?key"
                                + "|private[_.\\-]?key|auth_?key)" + Assignments.KEY_REST + Assignments.SEPARATOR
                                + Assignments.OPEN_QUOTE + Assignments.VALUE + Assignments.VALUE_END),
                        1, 3.0, Kind.ASSIGNMENT, true, 400),
                context("authorization-header", "Credentials", "Credentials in an Authorization header", MEDIUM,
                        "(?i:authorization)[\"']?[ \\t]{0,5}+[:=][ \\t]{0,5}+[\"']?(?i:bearer|basic|token)[ \\t]{1,5}+"
                                + "([A-Za-z0-9._~+/\\-]{16,500}+={0,2})", 3.0, "authorization"),
                context("netrc-password", "Credentials", "Password in a .netrc entry", SeverityLevel.HIGH,
                        "machine[ \\t]++[^\\s]{1,200}+\\s{1,20}+login[ \\t]++[^\\s]{1,200}+\\s{1,20}+password[ \\t]++"
                                + "([^\\s\"'<>]{6,200}+)", 2.5, "machine"));
    }

    /** A generic rule, anchored at its keyword, whose secret is group 1. */
    private static SecretRule context(String id, String category, String title, SeverityLevel severity, String regex,
            double minEntropy, String... keywords) {
        return new SecretRule(id, category, title, severity, List.of(keywords), Pattern.compile(regex), 1,
                minEntropy, Kind.CONTEXT, true, SecretRule.DEFAULT_REACH);
    }
}
