package dev.bulwark.scanner.source;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.layer.NativeDigest;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:9f86d0...}; only sha256 and sha512 are accepted, as OCI allows. */
public record Digest(String algorithm, String hex) {

    private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

    public Digest {
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha512" -> 128;
            default -> throw new InvalidInputException("unsupported digest algorithm '%s'".formatted(algorithm));
        };
        if (hex.length() != expected || !HEX.matcher(hex).matches()) {
            throw new InvalidInputException("malformed %s digest '%s'".formatted(algorithm, hex));
        }
    }

    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidInputException("malformed digest '%s' (expected sha256:<hex>)".formatted(text));
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    public static Digest sha256(byte[] data) {
        return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(data)));
    }

    /** The digest of {@code data} with this digest's algorithm, to compare with this one. */
    public Digest hashOf(byte[] data) {
        return new Digest(algorithm, HexFormat.of().formatHex(newMessageDigest().digest(data)));
    }

    public MessageDigest newMessageDigest() {
        return NativeDigest.of(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    }

    static MessageDigest newSha256() {
        return new Digest("sha256", "0".repeat(64)).newMessageDigest();
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
