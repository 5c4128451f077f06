package dev.bulwark.enforcer.network.nft;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DNS name a rule names as {@code fqdn:NAME} ({@code *.example.com} for every subdomain), lower case. Its addresses
 * live in two sets filled at run time, named after a digest of the name: a set name is short and plain whatever the
 * name.
 */
public record FqdnName(String name) {

    private static final Pattern NAME = Pattern.compile(
            "(\\*\\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    public FqdnName {
        if (name.length() > 253 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a DNS name: " + Quoted.of(name));
        }
    }

    /** The name as a rule or a DNS answer gives it, case and a final dot ignored. */
    public static FqdnName parse(String text) {
        String name = text.toLowerCase(Locale.ROOT);
        return new FqdnName(name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
    }

    /**
     * Whether a name a DNS answer gave is this one: the same name, or for {@code *.example.com} any name under
     * {@code example.com} (not {@code example.com} itself), case and a final dot ignored.
     */
    public boolean covers(String answered) {
        String other = answered.toLowerCase(Locale.ROOT);
        other = other.endsWith(".") ? other.substring(0, other.length() - 1) : other;
        return name.startsWith("*.") ? other.endsWith(name.substring(1)) && other.length() > name.length() - 1
                : other.equals(name);
    }

    /** The set of this name's IPv4 ({@code fq4_…}) or IPv6 ({@code fq6_…}) addresses. */
    public String setName(boolean ipv4) {
        return (ipv4 ? "fq4_" : "fq6_") + digest();
    }

    private String digest() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
