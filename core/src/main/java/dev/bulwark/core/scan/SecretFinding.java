package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

/**
 * A secret found in a file of an image. {@code match} is redacted: only the first and last few characters of the
 * secret survive, so a report never carries a usable credential.
 *
 * @param ruleId the rule that matched ({@code aws-access-key-id})
 * @param category what kind of secret ({@code AWS}, {@code GitHub}, {@code PrivateKey})
 * @param line 1-based line of the match
 * @param layer diff id of the layer holding this copy of the file; a secret deleted by a later layer is still
 *     in the image and still reported
 */
public record SecretFinding(String ruleId, String category, SeverityLevel severity, String title, String path,
        int line, String match, String layer) {

    public SecretFinding {
        requireNonNull(ruleId, "ruleId");
        requireNonNull(category, "category");
        requireNonNull(severity, "severity");
        requireNonNull(title, "title");
        requireNonNull(path, "path");
        requireNonNull(match, "match");
        requireNonNull(layer, "layer");
    }
}
