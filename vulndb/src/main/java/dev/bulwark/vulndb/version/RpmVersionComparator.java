package dev.bulwark.vulndb.version;

/**
 * rpm's ordering of {@code [epoch:]version[-release]} (rpm 4.18, as {@code rpm.ver} compares): a missing epoch is
 * 0; versions, then releases, compared segment by segment with rpmvercmp, where {@code ~} sorts before anything
 * (even the end), {@code ^} after the end but before anything else, digit runs numerically and beat letter runs,
 * and other characters only separate. A version without a release sorts before the same version with one.
 *
 * <p>rpm accepts almost any string; validation refuses only the empty string and whitespace, which no rpm header
 * or advisory holds and which would make {@code --batch} lines ambiguous.
 */
final class RpmVersionComparator implements VersionComparator {

    static final RpmVersionComparator INSTANCE = new RpmVersionComparator();

    private RpmVersionComparator() {}

    /** Bounds in {@code text}; an absent epoch is {@code -1,-1}, an absent release has {@code releaseStart -1}. */
    private record Evr(String text, int epochEnd, int versionStart, int versionEnd, int releaseStart) {}

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.RPM;
    }

    @Override
    public void validate(String version) {
        parse(version);
    }

    @Override
    public int compare(String a, String b) {
        Evr x = parse(a);
        Evr y = parse(b);
        int c = compareEpochs(x, y);
        if (c == 0) {
            c = rpmvercmp(a, x.versionStart(), x.versionEnd(), b, y.versionStart(), y.versionEnd());
        }
        if (c == 0) {
            boolean xr = x.releaseStart() >= 0;
            boolean yr = y.releaseStart() >= 0;
            c = xr && yr ? rpmvercmp(a, x.releaseStart(), a.length(), b, y.releaseStart(), b.length())
                    : Boolean.compare(xr, yr);
        }
        return c;
    }

    private static Evr parse(String text) {
        if (text.isEmpty()) {
            throw new InvalidVersionException(Ecosystem.RPM, text, "version string is empty");
        }
        int digits = 0;
        while (digits < text.length() && isDigit(text.charAt(digits))) {
            digits++;
        }
        for (int i = digits; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                throw new InvalidVersionException(Ecosystem.RPM, text, "version string has whitespace");
            }
        }
        boolean hasEpoch = digits < text.length() && text.charAt(digits) == ':';
        int versionStart = hasEpoch ? digits + 1 : 0;
        int hyphen = text.lastIndexOf('-');
        boolean hasRelease = hyphen >= versionStart;
        return new Evr(text, hasEpoch ? digits : -1, versionStart, hasRelease ? hyphen : text.length(),
                hasRelease ? hyphen + 1 : -1);
    }

    /** Epochs are digit runs (an empty one before the colon counts as 0), compared by rpmvercmp: numerically. */
    private static int compareEpochs(Evr x, Evr y) {
        String zero = "0";
        String xs = x.epochEnd() > 0 ? x.text() : zero;
        int xe = x.epochEnd() > 0 ? x.epochEnd() : 1;
        String ys = y.epochEnd() > 0 ? y.text() : zero;
        int ye = y.epochEnd() > 0 ? y.epochEnd() : 1;
        return rpmvercmp(xs, 0, xe, ys, 0, ye);
    }

    /** rpmvercmp over {@code a[ai, ae)} and {@code b[bi, be)}: -1, 0 or 1. */
    static int rpmvercmp(String a, int ai, int ae, String b, int bi, int be) {
        if (ae - ai == be - bi && a.regionMatches(ai, b, bi, ae - ai)) {
            return 0;
        }
        while (ai < ae || bi < be) {
            while (ai < ae && isSeparator(a.charAt(ai))) {
                ai++;
            }
            while (bi < be && isSeparator(b.charAt(bi))) {
                bi++;
            }
            char ac = ai < ae ? a.charAt(ai) : 0;
            char bc = bi < be ? b.charAt(bi) : 0;
            if (ac == '~' || bc == '~') {
                if (ac != '~') {
                    return 1;
                }
                if (bc != '~') {
                    return -1;
                }
                ai++;
                bi++;
                continue;
            }
            if (ac == '^' || bc == '^') {
                if (ai == ae) {
                    return -1;
                }
                if (bi == be) {
                    return 1;
                }
                if (ac != '^') {
                    return 1;
                }
                if (bc != '^') {
                    return -1;
                }
                ai++;
                bi++;
                continue;
            }
            if (ai == ae || bi == be) {
                break;
            }
            boolean numeric = isDigit(ac);
            int as = ai;
            int bs = bi;
            while (ai < ae && (numeric ? isDigit(a.charAt(ai)) : isLetter(a.charAt(ai)))) {
                ai++;
            }
            while (bi < be && (numeric ? isDigit(b.charAt(bi)) : isLetter(b.charAt(bi)))) {
                bi++;
            }
            if (bs == bi) {
                // one segment is numeric, the other alphabetic: numbers are newer
                return numeric ? 1 : -1;
            }
            int c = numeric ? compareNumbers(a, as, ai, b, bs, bi) : compareText(a, as, ai, b, bs, bi);
            if (c != 0) {
                return c;
            }
        }
        if (ai >= ae && bi >= be) {
            return 0;
        }
        return ai >= ae ? -1 : 1;
    }

    private static int compareNumbers(String a, int as, int ae, String b, int bs, int be) {
        while (as < ae && a.charAt(as) == '0') {
            as++;
        }
        while (bs < be && b.charAt(bs) == '0') {
            bs++;
        }
        if (ae - as != be - bs) {
            return ae - as > be - bs ? 1 : -1;
        }
        return compareText(a, as, ae, b, bs, be);
    }

    private static int compareText(String a, int as, int ae, String b, int bs, int be) {
        int n = Math.min(ae - as, be - bs);
        for (int i = 0; i < n; i++) {
            int d = a.charAt(as + i) - b.charAt(bs + i);
            if (d != 0) {
                return d < 0 ? -1 : 1;
            }
        }
        return Integer.compare(ae - as, be - bs);
    }

    private static boolean isSeparator(char c) {
        return !isDigit(c) && !isLetter(c) && c != '~' && c != '^';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
