package dev.bulwark.enforcer.network.nft;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network, parsed from {@code ADDRESS} or {@code ADDRESS/PREFIX} and rendered by us ({@link #text()}),
 * with its host bits cleared: never the text it came from.
 */
public record Cidr(InetAddress network, int prefix) {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /%d is outside 0-%d".formatted(prefix, bits));
        }
    }

    /** Parses {@code 10.1.2.3}, {@code 10.0.0.0/8}, {@code fd00::/64}; never resolves a name. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("not an IP address: " + Quoted.of(text));
        }
        InetAddress parsed;
        try {
            parsed = address.indexOf(':') >= 0 ? Inet6Address.ofLiteral(address) : strictIpv4(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address: " + Quoted.of(text), e);
        }
        int bits = parsed.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!PREFIX.matcher(length).matches() || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("not a prefix length: " + Quoted.of(text));
            }
            prefix = Integer.parseInt(length);
        }
        return new Cidr(masked(parsed, prefix), prefix);
    }

    public boolean ipv4() {
        return network instanceof Inet4Address;
    }

    /** {@code 10.0.0.0/8}, or the bare address for a single host. */
    public String text() {
        int bits = network.getAddress().length * 8;
        return prefix == bits ? network.getHostAddress() : network.getHostAddress() + "/" + prefix;
    }

    /**
     * Four decimal parts: the short forms {@code 10.1} and {@code 167772161} that inet_aton takes are refused, and
     * so are leading zeros, which it reads as octal.
     */
    private static InetAddress strictIpv4(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has four parts");
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255 || part.length() > 1 && part.charAt(0) == '0') {
                throw new IllegalArgumentException("an IPv4 part is 0-255 without leading zeros");
            }
        }
        return Inet4Address.ofLiteral(address);
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        byte[] value = new BigInteger(1, bytes).and(mask).toByteArray();
        byte[] result = new byte[bytes.length];
        int copied = Math.min(value.length, result.length);
        System.arraycopy(value, value.length - copied, result, result.length - copied, copied);
        try {
            return InetAddress.getByAddress(result);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }
}
