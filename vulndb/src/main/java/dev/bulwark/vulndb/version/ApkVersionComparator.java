package dev.bulwark.vulndb.version;

/**
 * apk-tools' ordering of Alpine and Wolfi versions, {@code digits{.digits}[letter]{_suffix[digits]}[~hash][-rN]},
 * as current apk-tools (2.14 and later) compares them. Token by token: numbers numerically with no length limit,
 * except that a dotted part with a leading zero compares as a string against its peer (so {@code 1.01 < 1.1});
 * a letter by its character; suffixes in the order {@code _alpha < _beta < _pre < _rc < (none) < _cvs < _svn <
 * _git < _hg < _p}; commit hashes as strings; {@code -rN} last. When one version runs out first, the longer one
 * is newer unless what it adds is a pre-release suffix.
 *
 * <p>Validation follows apk's tokenizer: a digit first, the parts in the order above, lower-case letters only,
 * known suffixes only; anything else ({@code 1.0-1}, {@code 1.0_foo}, {@code 1.0A}, {@code 1.a.2}) is refused.
 */
final class ApkVersionComparator implements VersionComparator {

    static final ApkVersionComparator INSTANCE = new ApkVersionComparator();

    /** Token kinds in apk-tools' order, which itself decides comparisons at the end of a version. */
    private enum Kind { INITIAL_DIGIT, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, REVISION_NO, END, INVALID }

    /** In order; {@code ""} stands for no suffix, between pre-release and post-release ones. */
    private static final String[] SUFFIXES = {"alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};
    private static final int NO_SUFFIX = 4;

    private ApkVersionComparator() {}

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.APK;
    }

    @Override
    public void validate(String version) {
        Tokens t = new Tokens(version);
        while (t.kind.compareTo(Kind.END) < 0) {
            t.next();
        }
        if (t.kind == Kind.INVALID) {
            throw new InvalidVersionException(Ecosystem.APK, version, version.isEmpty() ? "version string is empty"
                    : "unexpected text at position " + (t.start + 1));
        }
    }

    @Override
    public int compare(String a, String b) {
        validate(a);
        validate(b);
        Tokens x = new Tokens(a);
        Tokens y = new Tokens(b);
        while (x.kind == y.kind && x.kind.compareTo(Kind.END) < 0) {
            int c = x.compareValue(y);
            if (c != 0) {
                return c;
            }
            x.next();
            y.next();
        }
        if (x.kind == y.kind) {
            return 0;
        }
        if (x.kind == Kind.SUFFIX && x.suffix < NO_SUFFIX) {
            return -1;
        }
        if (y.kind == Kind.SUFFIX && y.suffix < NO_SUFFIX) {
            return 1;
        }
        return x.kind.compareTo(y.kind) > 0 ? -1 : 1;
    }

    /** A cursor over one version: the current token is {@code kind} with its text in {@code [start, end)}. */
    private static final class Tokens {
        private final String s;
        private int pos;
        private Kind kind;
        private int start;
        private int end;
        private int suffix;

        Tokens(String s) {
            this.s = s;
            kind = Kind.INITIAL_DIGIT;
            digits();
        }

        void next() {
            if (pos == s.length()) {
                kind = Kind.END;
                return;
            }
            char c = s.charAt(pos);
            if (c >= 'a' && c <= 'z' && kind.compareTo(Kind.DIGIT) <= 0) {
                kind = Kind.LETTER;
                start = pos++;
                end = pos;
            } else if ((c == '.' && kind.compareTo(Kind.DIGIT) <= 0) || isDigit(c)) {
                if (c == '.') {
                    pos++;
                }
                kind = switch (kind) {
                    case INITIAL_DIGIT, DIGIT -> Kind.DIGIT;
                    case SUFFIX -> Kind.SUFFIX_NO;
                    default -> Kind.INVALID;
                };
                digits();
            } else if (c == '_' && kind.compareTo(Kind.SUFFIX_NO) <= 0) {
                start = ++pos;
                while (pos < s.length() && s.charAt(pos) >= 'a' && s.charAt(pos) <= 'z') {
                    pos++;
                }
                end = pos;
                suffix = suffixIndex();
                kind = suffix < 0 ? Kind.INVALID : Kind.SUFFIX;
            } else if (c == '~' && kind.compareTo(Kind.COMMIT_HASH) < 0) {
                start = ++pos;
                while (pos < s.length() && isHex(s.charAt(pos))) {
                    pos++;
                }
                end = pos;
                kind = end > start ? Kind.COMMIT_HASH : Kind.INVALID;
            } else if (c == '-' && kind.compareTo(Kind.REVISION_NO) < 0 && s.startsWith("r", pos + 1)) {
                pos += 2;
                kind = Kind.REVISION_NO;
                digits();
            } else {
                start = pos;
                kind = Kind.INVALID;
            }
        }

        private void digits() {
            start = pos;
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
            end = pos;
            if (kind != Kind.INVALID && end == start) {
                kind = Kind.INVALID;
            }
        }

        private int suffixIndex() {
            for (int i = 0; i < SUFFIXES.length; i++) {
                if (i != NO_SUFFIX && SUFFIXES[i].length() == end - start && s.startsWith(SUFFIXES[i], start)) {
                    return i;
                }
            }
            return -1;
        }

        /** Compares with a token of the same kind. */
        int compareValue(Tokens o) {
            return switch (kind) {
                case DIGIT -> s.charAt(start) == '0' || o.s.charAt(o.start) == '0' ? compareText(o) : compareNumber(o);
                case INITIAL_DIGIT, SUFFIX_NO, REVISION_NO -> compareNumber(o);
                case SUFFIX -> Integer.compare(suffix, o.suffix);
                default -> compareText(o);
            };
        }

        private int compareNumber(Tokens o) {
            int as = start;
            int bs = o.start;
            while (as < end - 1 && s.charAt(as) == '0') {
                as++;
            }
            while (bs < o.end - 1 && o.s.charAt(bs) == '0') {
                bs++;
            }
            int lengths = Integer.compare(end - as, o.end - bs);
            return lengths != 0 ? lengths : Integer.signum(compareRegions(s, as, end, o.s, bs, o.end));
        }

        private int compareText(Tokens o) {
            return Integer.signum(compareRegions(s, start, end, o.s, o.start, o.end));
        }
    }

    private static int compareRegions(String a, int as, int ae, String b, int bs, int be) {
        int n = Math.min(ae - as, be - bs);
        for (int i = 0; i < n; i++) {
            int d = a.charAt(as + i) - b.charAt(bs + i);
            if (d != 0) {
                return d;
            }
        }
        return (ae - as) - (be - bs);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
