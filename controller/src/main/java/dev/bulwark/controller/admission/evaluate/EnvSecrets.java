package dev.bulwark.controller.admission.evaluate;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Environment values written into a workload's YAML that look like secrets, for {@code envVarSecrets}: well-known
 * token formats in any variable, and a password-like value in a variable named like a credential. NeuVector runs
 * its image secret rules over {@code NAME = value} lines the same way; values taken from a Secret
 * ({@code valueFrom.secretKeyRef}, {@code envFrom.secretRef}) are references, not secrets in the YAML, and it does
 * not count them either.
 */
final class EnvSecrets {

    /** A kind of secret and how its value looks. */
    private record Kind(String name, Pattern value) {}

    private static final List<Kind> TOKENS = List.of(
            new Kind("Private.Key", Pattern.compile("-----BEGIN ((EC|PGP|DSA|RSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY")),
            new Kind("AWS.Access.Key", Pattern.compile(
                    "\\b(A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ACCA)[A-Z0-9]{16}\\b")),
            new Kind("Slack.Token", Pattern.compile("\\bxox[abposr]-[0-9A-Za-z-]{10,}")),
            new Kind("Stripe.Key", Pattern.compile("\\b[rsp]k_(live|test)_[0-9A-Za-z]{24,}")),
            new Kind("Google.API.Key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}")),
            new Kind("SendGrid.API.Key", Pattern.compile("\\bSG\\.[0-9A-Za-z_-]{16,32}\\.[0-9A-Za-z_-]{16,64}")),
            new Kind("GitHub.Token", Pattern.compile("\\bgh[pousr]_[0-9A-Za-z]{36}")));
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(
            "(?i)(passwd|password|secret|api_?key|access_?key|private_?key|token)");
    /** At least 8 characters and no space: not an empty default, a sentence, or a {@code $(VAR)} reference. */
    private static final Pattern CREDENTIAL_VALUE = Pattern.compile("[^\\s$]\\S{7,}");

    private EnvSecrets() {}

    /** {@code Kind: NAME} for each variable whose value looks like a secret; the value itself is never shown. */
    static List<String> find(Map<String, String> plainValues) {
        List<String> found = new ArrayList<>();
        plainValues.forEach((name, value) -> TOKENS.stream().filter(k -> k.value().matcher(value).find())
                .findFirst().map(Kind::name)
                .or(() -> CREDENTIAL_NAME.matcher(name).find() && CREDENTIAL_VALUE.matcher(value).matches()
                        ? java.util.Optional.of("Credential") : java.util.Optional.empty())
                .ifPresent(kind -> found.add(kind + ": " + name)));
        return found;
    }
}
