package dev.bulwark.scanner.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A key given a value, in every configuration syntax: {@code .env} and shell ({@code KEY=v}, {@code export KEY="v"}),
 * YAML ({@code key: v}, a block scalar {@code key: |} with the value on the next line), JSON, INI and TOML
 * ({@code key = "v"}), properties ({@code a.key=v}), XML elements ({@code <key>v</key>}) and .NET settings
 * ({@code <add key="Key" value="v"/>}), PHP and Ruby ({@code 'key' => 'v'}). The regular-expression pieces here
 * start at a keyword inside the key name; the key name's words and the value are then judged in Java.
 */
final class Assignments {

    private Assignments() {}

    /** The rest of the key name after its keyword. */
    static final String KEY_REST = "[A-Za-z0-9_.\\-]{0,40}+";
    /** A provider's block whose key holds the value on its next line ({@code datadog:\n  api_key: ...}). */
    static final String NEAR = "(?:[\"']?:[ \\t]{0,5}+\\r?\\n[ \\t]{1,20}+[A-Za-z0-9_.\\-]{1,40}+)?";
    /**
     * Between key and value, never across a line except into a YAML block scalar or an XML element: an empty
     * {@code KEY=} does not take the next line's key as its value.
     */
    static final String SEPARATOR = "(?:[\"']?:[ \\t]{0,5}+[|>][-+]?[ \\t]{0,5}+\\r?\\n[ \\t]{1,20}+"
            + "|[\"']?[ \\t]{0,5}+(?::=|=>|[:=])[ \\t]{0,5}+"
            + "|[\"']?>[ \\t\\r\\n]{0,40}+"
            + "|[\"'][ \\t]{1,5}+value[ \\t]{0,3}+=[ \\t]{0,3}+)";
    static final String OPEN_QUOTE = "[\"'`]?";
    /** A value ends at its closing quote, or unquoted at the end of the line, a comment, a delimiter or a tag. */
    static final String VALUE_END = "(?:[\"'`]|(?=[ \\t]*+(?:[\\r\\n;,<}\\])]|$)|[ \\t]++#))";
    /** An unquoted or quoted value without spaces. */
    static final String VALUE = "([^\\s\"'`<>;,&]{8,200}+)";

    /** Words a key name ends one of its words with when it names a secret ({@code DB_PASSWORD}, {@code apiToken}). */
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "pwd", "pass", "passphrase",
            "secret", "token", "apikey", "credential", "accesskey", "privatekey", "authkey", "secretkey");
    /** First words of a two-word secret key name ending in {@code key}: {@code api_key}, {@code private-key}. */
    private static final Set<String> KEY_QUALIFIERS = Set.of("api", "access", "private", "auth", "secret");
    /** Last words of key names that name something about a secret, not the secret: {@code TOKEN_URL}, {@code SECRET_NAME}. */
    private static final Set<String> ABOUT_A_SECRET = Set.of("url", "uri", "endpoint", "name", "names", "id", "ids",
            "file", "filename", "path", "dir", "type", "length", "len", "size", "ttl", "timeout", "expiry", "expires",
            "expiration", "header", "prefix", "suffix", "env", "var", "field", "param", "policy", "format", "count",
            "enabled", "enable", "disabled", "algorithm", "alg", "mode", "version", "provider", "ref", "arn",
            "location", "scope", "scopes", "lifetime", "hint", "label", "method", "regex", "pattern", "store", "class",
            "kind", "host", "port", "user", "username", "login", "email", "required", "rotation", "seconds", "ms",
            "days", "hours", "minutes", "description", "placeholder", "source", "issuer", "audience", "key_id",
            "generator", "validator", "handler", "service", "manager", "strategy", "min", "max", "used", "last", "time",
            "date", "at", "changed", "updated", "created", "reset", "age", "attempts", "sent");
    /**
     * Words before {@code token} that make it a marker, not a credential: AWS's {@code NextToken} and
     * {@code ClientRequestToken}, a CSRF token, a tokenizer's {@code input_token}.
     */
    private static final Set<String> MARKER_TOKENS = Set.of("next", "continuation", "change", "request", "client",
            "page", "pagination", "idempotency", "action", "sync", "cursor", "marker", "resume", "start", "csrf", "xsrf",
            "cancellation", "cancel", "input", "output", "end", "special", "eos", "bos", "pad", "unk", "mask", "sep");
    private static final Pattern WORD_BREAK = Pattern.compile("[_.\\-]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]{1,20}://.*");
    private static final Pattern PATH = Pattern.compile("(?:~|\\.{1,2})?/[A-Za-z0-9_.\\-]+(?:/[A-Za-z0-9_.\\-]*)++");
    private static final Pattern FILE_NAME = Pattern.compile(
            "[A-Za-z0-9_./\\-]+\\.(?:pem|key|crt|cer|p12|pfx|jks|json|ya?ml|txt|env|conf|cfg|ini|properties|toml|gpg)");
    /** An assignment inside the value ({@code Protocol=https}): base64 has {@code =} only at its end. */
    private static final Pattern NESTED = Pattern.compile("=[^=]");
    private static final Pattern DATE = Pattern.compile("(?:19|20)\\d\\d-[01]\\d-[0-3]\\d.*");
    private static final Pattern NAME_WORDS = Pattern.compile("[A-Za-z0-9]{1,12}+(?:[-_.][A-Za-z0-9]{1,12}+)++");

    /** The words of a key name, lower case: {@code primaryDB_Password} is primary, db, password. */
    static List<String> words(String key) {
        List<String> words = new ArrayList<>();
        for (String w : WORD_BREAK.split(key)) {
            if (!w.isEmpty()) {
                words.add(w.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    /** Whether a key name's last word names no other thing than a secret: not {@code TOKEN_URL}, {@code CLIENT_ID}. */
    static boolean describesNoOtherThing(String key) {
        List<String> words = words(key);
        return words.isEmpty() || !ABOUT_A_SECRET.contains(words.getLast());
    }

    /** Whether a key name names a secret ({@code DB_PASSWORD}, {@code apiToken}), not {@code tokenizer}. */
    static boolean namesSecret(String key) {
        List<String> words = words(key);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String singular = w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
            boolean marker = singular.equals("token") && i > 0 && MARKER_TOKENS.contains(words.get(i - 1));
            for (String secret : SECRET_WORDS) {
                if (!marker && (w.endsWith(secret) || singular.endsWith(secret))) {
                    return true;
                }
            }
            if (w.equals("key") && i > 0 && KEY_QUALIFIERS.contains(words.get(i - 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a value given to a key is something other than a secret: a URL, a file path or name, a setting of
     * its own ({@code Protocol=https}), a date, or a name of a secret kept elsewhere ({@code NEXUS-GPT4-API-KEY}).
     */
    static boolean isReference(String value) {
        if (URL.matcher(value).matches() || FILE_NAME.matcher(value).matches() || NESTED.matcher(value).find()
                || DATE.matcher(value).matches()) {
            return true;
        }
        if (PATH.matcher(value).matches() && value.indexOf('/', 1) > 0 && value.indexOf('+') < 0) {
            return true;
        }
        return NAME_WORDS.matcher(value).matches() && words(value).stream().anyMatch(w -> SECRET_WORDS.contains(w)
                || w.equals("key"));
    }
}
