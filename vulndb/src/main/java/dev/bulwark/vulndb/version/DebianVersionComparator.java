package dev.bulwark.vulndb.version;

import java.nio.charset.StandardCharsets;

/**
 * dpkg's ordering of {@code [epoch:]upstream[-revision]}: epochs numerically, then upstream and revision part by
 * part, where {@code ~} sorts before everything (even the end), letters before other characters, and digit runs
 * numerically with no length limit. A missing revision equals {@code 0}, as dpkg has it.
 *
 * <p>Validation refuses what {@code dpkg --compare-versions} refuses (empty parts, a non-numeric or too large
 * epoch, embedded spaces) and accepts what dpkg only warns about (an upstream version not starting with a digit,
 * unusual characters), comparing those as dpkg does. Characters outside ASCII are compared as their UTF-8 bytes,
 * which dpkg reads as signed chars.
 */
final class DebianVersionComparator implements VersionComparator {

    static final DebianVersionComparator INSTANCE = new DebianVersionComparator();

    private DebianVersionComparator() {}

    /** A parsed version: the epoch, and the bounds of upstream and revision in {@code text}. */
    private record Parts(String text, int epoch, int upstreamStart, int upstreamEnd, int revisionStart) {}

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.DEB;
    }

    @Override
    public void validate(String version) {
        parse(version);
    }

    @Override
    public int compare(String a, String b) {
        Parts x = parse(a);
        Parts y = parse(b);
        int c = Integer.compare(x.epoch(), y.epoch());
        if (c == 0) {
            c = compareFragments(x.text(), x.upstreamStart(), x.upstreamEnd(), y.text(), y.upstreamStart(),
                    y.upstreamEnd());
        }
        if (c == 0) {
            c = compareFragments(x.text(), x.revisionStart(), x.text().length(), y.text(), y.revisionStart(),
                    y.text().length());
        }
        return Integer.signum(c);
    }

    private Parts parse(String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            throw invalid(raw, "version string is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                throw invalid(raw, "version string has embedded spaces");
            }
        }
        if (!isAscii(text)) {
            text = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        }
        int epoch = 0;
        int start = 0;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            epoch = epoch(raw, text, colon);
            start = colon + 1;
            if (start == text.length()) {
                throw invalid(raw, "nothing after colon in version number");
            }
        }
        int hyphen = text.lastIndexOf('-');
        int upstreamEnd = hyphen >= start ? hyphen : text.length();
        int revisionStart = hyphen >= start ? hyphen + 1 : text.length();
        if (hyphen >= start && revisionStart == text.length()) {
            throw invalid(raw, "revision number is empty");
        }
        if (upstreamEnd == start) {
            throw invalid(raw, "version number is empty");
        }
        return new Parts(text, epoch, start, upstreamEnd, revisionStart);
    }

    /** As dpkg reads it with strtol: an optional sign, decimal digits, and no more than INT_MAX. */
    private int epoch(String raw, String text, int colon) {
        if (colon == 0) {
            throw invalid(raw, "epoch in version is empty");
        }
        int i = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        if (i == colon) {
            throw invalid(raw, "epoch in version is not number");
        }
        long value = 0;
        for (int p = i; p < colon; p++) {
            char c = text.charAt(p);
            if (c < '0' || c > '9') {
                throw invalid(raw, "epoch in version is not number");
            }
            value = Math.min(value * 10 + (c - '0'), 1L << 40);
        }
        if (text.charAt(0) == '-' && value != 0) {
            throw invalid(raw, "epoch in version is negative");
        }
        if (value > Integer.MAX_VALUE) {
            throw invalid(raw, "epoch in version is too big");
        }
        return (int) value;
    }

    /** dpkg's verrevcmp over {@code a[ai, ae)} and {@code b[bi, be)}. */
    private static int compareFragments(String a, int ai, int ae, String b, int bi, int be) {
        while (ai < ae || bi < be) {
            while (ai < ae && !isDigit(a.charAt(ai)) || bi < be && !isDigit(b.charAt(bi))) {
                int ac = order(a, ai, ae);
                int bc = order(b, bi, be);
                if (ac != bc) {
                    return ac - bc;
                }
                ai++;
                bi++;
            }
            while (ai < ae && a.charAt(ai) == '0') {
                ai++;
            }
            while (bi < be && b.charAt(bi) == '0') {
                bi++;
            }
            int firstDiff = 0;
            while (ai < ae && isDigit(a.charAt(ai)) && bi < be && isDigit(b.charAt(bi))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(ai) - b.charAt(bi);
                }
                ai++;
                bi++;
            }
            if (ai < ae && isDigit(a.charAt(ai))) {
                return 1;
            }
            if (bi < be && isDigit(b.charAt(bi))) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }

    /** The weight of one character: the end and digits 0, {@code ~} -1, letters themselves, the rest after. */
    private static int order(String s, int i, int end) {
        if (i >= end) {
            return 0;
        }
        char c = s.charAt(i);
        if (isDigit(c)) {
            return 0;
        }
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        // bytes of UTF-8 sequences are negative as signed chars: c - 256 + 256
        return c >= 0x80 ? c : c + 256;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static InvalidVersionException invalid(String version, String reason) {
        return new InvalidVersionException(Ecosystem.DEB, version, reason);
    }
}
