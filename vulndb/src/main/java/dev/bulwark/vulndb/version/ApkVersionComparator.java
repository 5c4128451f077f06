package dev.bulwark.vulndb.version;

import java.util.Optional;

/**
 * apk-tools' ordering of Alpine and Wolfi versions, {@code digits{.digits}[letter]{_suffix[digits]}[~hash][-rN]},
 * as apk-tools ({@code src/version.c}) compares them. Token by token: numbers as apk reads them, into an
 * unsigned 64-bit integer that wraps around; a dotted part with a leading zero as a string against its peer (so
 * {@code 1.01 < 1.1}); a letter by its character; suffixes in the order {@code _alpha < _beta < _pre < _rc < (none)
 * < _cvs < _svn < _git < _hg < _p}; commit hashes (lower-case hex) as strings; {@code -rN} last. When the token
 * kinds differ, the version that has the later kind is older, except that a pre-release suffix is older than
 * anything.
 *
 * <p>A number right after the letter ({@code 5.1p1-r0}, {@code 1.7.4p6-r1}: OpenBSD-style patch levels Alpine
 * shipped) is a number part, as apk-tools 2 reads it, so {@code 5.1p1 < 5.1p2}. apk-tools 3 calls it invalid and
 * would take {@code 5.1p1} and {@code 5.1p2} for equal; the packages that carry such versions were built and
 * ordered by apk-tools 2, and for a scanner a patch level that decides nothing would hide fixes.
 *
 * <p>apk never refuses to compare. A token out of place ({@code 1.0a.1}, {@code 2.7.16-33}) is an "invalid"
 * token that ends the version: two versions that both turn invalid at the same token are equal, and one
 * that does is older than one that goes on or ends there. {@link #defect} says what apk calls invalid
 * ({@code apk version -c}).
 */
final class ApkVersionComparator implements VersionComparator {

    static final ApkVersionComparator INSTANCE = new ApkVersionComparator();

    /** Token kinds in apk-tools' order, which itself decides comparisons where the kinds differ. */
    private enum Kind { INITIAL_DIGIT, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, REVISION_NO, END, INVALID }

    /** In order; {@code ""} stands for no suffix, between pre-release and post-release ones. */
    private static final String[] SUFFIXES = {"alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"};
    private static final int NO_SUFFIX = 4;

    private ApkVersionComparator() {}

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.APK;
    }

    /** Accepts every string: apk-tools compares whatever it is given. */
    @Override
    public void validate(String version) {
    }

    @Override
    public Optional<String> defect(String version) {
        Tokens t = new Tokens(version);
        while (t.kind.compareTo(Kind.END) < 0) {
            t.next();
        }
        if (t.kind == Kind.END) {
            return Optional.empty();
        }
        return Optional.of(version.isEmpty() ? "version string is empty"
                : "unexpected text at position " + (t.start + 1));
    }

    @Override
    public int compare(String a, String b) {
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
        /** The digits read as apk reads them: modulo 2^64, compared unsigned. */
        private long number;

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
                    case INITIAL_DIGIT, DIGIT, LETTER -> Kind.DIGIT;
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
            number = 0;
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                number = number * 10 + (s.charAt(pos++) - '0');
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
            return Long.compareUnsigned(number, o.number);
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
        return isDigit(c) || c >= 'a' && c <= 'f';
    }
}
