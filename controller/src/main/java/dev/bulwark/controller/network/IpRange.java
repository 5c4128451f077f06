package dev.bulwark.controller.network;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An inclusive range of IPv4 or IPv6 addresses, read from an address criterion: one address, a CIDR or
 * {@code first-last}. Only literals are read: a name is never resolved.
 *
 * @param bits 32 for IPv4, 128 for IPv6
 */
public record IpRange(int bits, BigInteger first, BigInteger last) {

    /** Four decimal parts without leading zeros, which inet_aton would read as octal. */
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final int MAX_TEXT = 100;

    /** An address, a CIDR ({@code 10.0.0.0/8}, host bits ignored) or a range ({@code 10.0.0.1-10.0.0.9}). */
    public static Optional<IpRange> parse(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > MAX_TEXT) {
            return Optional.empty();
        }
        int slash = t.indexOf('/');
        if (slash >= 0) {
            return cidr(t.substring(0, slash), t.substring(slash + 1));
        }
        int dash = t.indexOf('-');
        if (dash >= 0) {
            Optional<InetAddress> from = address(t.substring(0, dash).strip());
            Optional<InetAddress> to = address(t.substring(dash + 1).strip());
            if (from.isEmpty() || to.isEmpty() || bits(from.get()) != bits(to.get())) {
                return Optional.empty();
            }
            BigInteger a = value(from.get());
            BigInteger b = value(to.get());
            return a.compareTo(b) > 0 ? Optional.empty() : Optional.of(new IpRange(bits(from.get()), a, b));
        }
        return address(t).map(a -> new IpRange(bits(a), value(a), value(a)));
    }

    private static Optional<IpRange> cidr(String ip, String prefixText) {
        Optional<InetAddress> a = address(ip);
        if (a.isEmpty() || prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(
                Character::isDigit)) {
            return Optional.empty();
        }
        int bits = bits(a.get());
        int prefix = Integer.parseInt(prefixText);
        if (prefix > bits) {
            return Optional.empty();
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = value(a.get()).andNot(hostMask);
        return Optional.of(new IpRange(bits, first, first.or(hostMask)));
    }

    /** An IPv4 literal in dotted-quad form or an IPv6 literal; anything else, names included, is empty. */
    public static Optional<InetAddress> address(String text) {
        try {
            if (IPV4.matcher(text).matches()) {
                return Optional.of(Inet4Address.ofLiteral(text));
            }
            if (text.indexOf(':') >= 0 && text.indexOf('%') < 0 && text.length() <= 45) {
                InetAddress a = Inet6Address.ofLiteral(text);
                return Optional.of(a);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The fewest CIDRs that hold exactly these addresses, IPv4 first, each family in address order: runs of
     * consecutive addresses, as containers on one bridge are numbered, become few blocks.
     */
    public static List<String> covering(Collection<InetAddress> addresses) {
        Comparator<IpRange> order = Comparator.comparingInt(IpRange::bits);
        List<IpRange> singles = addresses.stream().map(a -> new IpRange(bits(a), value(a), value(a)))
                .sorted(order.thenComparing(IpRange::first)).distinct().toList();
        List<IpRange> runs = new ArrayList<>();
        for (IpRange r : singles) {
            IpRange last = runs.isEmpty() ? null : runs.getLast();
            if (last != null && last.bits() == r.bits() && last.last().add(BigInteger.ONE).equals(r.first())) {
                runs.set(runs.size() - 1, new IpRange(r.bits(), last.first(), r.last()));
            } else {
                runs.add(r);
            }
        }
        return runs.stream().flatMap(r -> r.cidrs().stream()).toList();
    }

    public boolean contains(InetAddress a) {
        if (bits(a) != bits) {
            return false;
        }
        BigInteger v = value(a);
        return first.compareTo(v) <= 0 && v.compareTo(last) <= 0;
    }

    /** The fewest CIDRs that cover exactly this range, in address order. */
    public List<String> cidrs() {
        List<String> out = new ArrayList<>();
        BigInteger start = first;
        BigInteger end = last.add(BigInteger.ONE);
        while (start.compareTo(end) < 0) {
            // the largest block aligned at start that does not pass the end
            int size = start.signum() == 0 ? bits : start.getLowestSetBit();
            while (start.add(BigInteger.ONE.shiftLeft(size)).compareTo(end) > 0) {
                size--;
            }
            out.add(text(start) + "/" + (bits - size));
            start = start.add(BigInteger.ONE.shiftLeft(size));
        }
        return out;
    }

    private String text(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] bytes = new byte[bits / 8];
        int n = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - n, bytes, bytes.length - n, n);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** IPv4-mapped IPv6 addresses come back from the JDK as IPv4 ones, which is what they are. */
    private static int bits(InetAddress a) {
        return a.getAddress().length * 8;
    }

    private static BigInteger value(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }
}
