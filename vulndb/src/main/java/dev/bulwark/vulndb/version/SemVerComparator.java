package dev.bulwark.vulndb.version;

import java.util.Comparator;
import java.util.List;

/**
 * SemVer 2.0 precedence: {@code MAJOR.MINOR.PATCH} numerically, then a version with a pre-release below the same
 * version without one, pre-release identifiers compared one by one (numeric ones numerically and below
 * alphanumeric ones, which compare in ASCII order, a shorter list below a longer one it begins). Build metadata
 * ({@code +...}) does not take part.
 *
 * <p>Two dialects. {@link #NPM} is node-semver's strict parser, which npm and Cargo versions follow: an optional
 * {@code v}, surrounding blanks ignored, no leading zeros in numeric identifiers, numbers up to
 * 2^53-1, at most 256 characters. {@link #GO} is Go's module versions: an optional {@code v}, {@code v1} and
 * {@code v1.2} meaning {@code v1.0.0} and {@code v1.2.0}, numbers of any size, so that {@code +incompatible} and
 * pseudo-versions ({@code v0.0.0-20191109021931-daa7c04131f5}) order as the go command orders them.
 */
final class SemVerComparator implements VersionComparator {

    static final SemVerComparator NPM = new SemVerComparator(Ecosystem.SEMVER, false);
    static final SemVerComparator GO = new SemVerComparator(Ecosystem.GO, true);

    private static final int NPM_MAX_LENGTH = 256;
    private static final String NPM_MAX_NUMBER = "9007199254740991";

    private final Ecosystem ecosystem;
    private final boolean go;

    private SemVerComparator(Ecosystem ecosystem, boolean go) {
        this.ecosystem = ecosystem;
        this.go = go;
    }

    /** A parsed version; {@code pre} is empty for a release. */
    private record Parsed(String major, String minor, String patch, List<String> pre) {}

    @Override
    public Ecosystem ecosystem() {
        return ecosystem;
    }

    @Override
    public void validate(String version) {
        parse(version);
    }

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        int c = Digits.compare(x.major, y.major);
        if (c == 0) {
            c = Digits.compare(x.minor, y.minor);
        }
        if (c == 0) {
            c = Digits.compare(x.patch, y.patch);
        }
        return c != 0 ? c : comparePre(x.pre, y.pre);
    }

    private static int comparePre(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        return Identifiers.compare(a, b, true, Comparator.naturalOrder());
    }

    private Parsed parse(String version) {
        String v = go ? version : version.strip();
        if (!go && version.length() > NPM_MAX_LENGTH) {
            throw invalid(version, "longer than " + NPM_MAX_LENGTH + " characters");
        }
        if (v.startsWith("v")) {
            v = v.substring(1);
        }
        int plus = v.indexOf('+');
        if (plus >= 0) {
            identifiers(version, v.substring(plus + 1), false);
            v = v.substring(0, plus);
        }
        int dash = v.indexOf('-');
        List<String> pre = dash >= 0 ? identifiers(version, v.substring(dash + 1), true) : List.of();
        String[] core = (dash >= 0 ? v.substring(0, dash) : v).split("\\.", -1);
        boolean shorthand = go && core.length < 3 && pre.isEmpty() && plus < 0;
        if (core.length != 3 && !shorthand) {
            throw invalid(version, "expected MAJOR.MINOR.PATCH");
        }
        for (String n : core) {
            number(version, n);
            if (!go && Digits.compare(n, NPM_MAX_NUMBER) > 0) {
                throw invalid(version, "'" + n + "' is larger than 2^53-1");
            }
        }
        return new Parsed(core[0], core.length > 1 ? core[1] : "0", core.length > 2 ? core[2] : "0", pre);
    }

    private void number(String version, String n) {
        if (!Digits.isDigits(n)) {
            throw invalid(version, "'" + n + "' is not a number");
        }
        if (n.length() > 1 && n.charAt(0) == '0') {
            throw invalid(version, "'" + n + "' has a leading zero");
        }
    }

    private List<String> identifiers(String version, String text, boolean preRelease) {
        List<String> ids = List.of(text.split("\\.", -1));
        for (String id : ids) {
            if (id.isEmpty() || !id.chars().allMatch(c -> Digits.isDigit((char) c) || c == '-'
                    || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                throw invalid(version, "bad identifier '" + id + "'");
            }
            if (preRelease && Digits.isDigits(id)) {
                number(version, id);
            }
        }
        return ids;
    }

    private InvalidVersionException invalid(String version, String reason) {
        return new InvalidVersionException(ecosystem, version, reason);
    }
}
