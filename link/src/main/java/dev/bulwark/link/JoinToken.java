package dev.bulwark.link;

import dev.bulwark.core.error.InvalidInputException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * What an administrator hands a new node: {@code bwj1.<id>.<secret>.<pin>}. The id names the token in the
 * controller, which keeps only a hash of the secret; the pin is the SHA-256 of the controller's CA certificate, so
 * that the node trusts the controller it joins before it has the CA (as {@code kubeadm join} pins its CA).
 */
public record JoinToken(String id, String secret, String caPin) {

    private static final String PREFIX = "bwj1";
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public JoinToken {
        for (String part : new String[] {id, secret, caPin}) {
            if (part == null || !PART.matcher(part).matches()) {
                throw new InvalidInputException("a join token is bwj1.<id>.<secret>.<pin>");
            }
        }
    }

    /** A new token for a controller whose CA is {@code ca}. */
    public static JoinToken create(X509Certificate ca) {
        return new JoinToken(random(9), random(24), pin(ca));
    }

    public static JoinToken parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new InvalidInputException("a join token is bwj1.<id>.<secret>.<pin>");
        }
        return new JoinToken(parts[1], parts[2], parts[3]);
    }

    /** The SHA-256 of a certificate's DER encoding, base64url. */
    public static String pin(X509Certificate certificate) {
        try {
            return B64.encodeToString(sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The hash the controller keeps instead of the secret. */
    public String secretHash() {
        return B64.encodeToString(sha256(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return B64.encodeToString(b);
    }

    @Override
    public String toString() {
        return String.join(".", PREFIX, id, secret, caPin);
    }
}
