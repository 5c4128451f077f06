package dev.bulwark.vulndb.version;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PyPI versions by PEP 440, as {@code packaging.version.Version} parses and orders them: spelling variants
 * normalised ({@code 1.0-alpha.1} is {@code 1.0a1}, {@code 1.0-1} is {@code 1.0.post1}, a leading {@code v} and
 * case ignored), then epoch, release (trailing zeros ignored), pre-release ({@code a < b < rc}), post-release,
 * development release, and local version label. A development release sorts before the pre-releases of its
 * release ({@code 1.0.dev1 < 1.0a1}). Legacy versions that PEP 440 does not describe are refused.
 */
final class Pep440Comparator implements VersionComparator {

    static final Pep440Comparator INSTANCE = new Pep440Comparator();

    private static final Pattern VERSION = Pattern.compile("""
            v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)\
            (?:[-_.]?(?<pre>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?\
            (?:-(?<postImplicit>[0-9]+)|[-_.]?(?<post>post|rev|r)[-_.]?(?<postN>[0-9]+)?)?\
            (?:[-_.]?(?<dev>dev)[-_.]?(?<devN>[0-9]+)?)?\
            (?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?""");

    /** The parts that order a version; absent parts are {@code null} and take their place by the rules above. */
    private record Key(String epoch, List<String> release, int preLetter, String preNumber, String post, String dev,
            List<String> local) {}

    private Pep440Comparator() {}

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.PYPI;
    }

    @Override
    public void validate(String version) {
        parse(version);
    }

    @Override
    public int compare(String a, String b) {
        Key x = parse(a);
        Key y = parse(b);
        int c = Digits.compare(x.epoch, y.epoch);
        if (c == 0) {
            c = compareRelease(x.release, y.release);
        }
        if (c == 0) {
            c = Integer.compare(preRank(x), preRank(y));
        }
        if (c == 0 && x.preNumber != null) {
            c = x.preLetter != y.preLetter ? Integer.compare(x.preLetter, y.preLetter)
                    : Digits.compare(x.preNumber, y.preNumber);
        }
        if (c == 0) {
            c = compareOptional(x.post, y.post, -1);
        }
        if (c == 0) {
            c = compareOptional(x.dev, y.dev, 1);
        }
        return c != 0 ? c : compareLocal(x.local, y.local);
    }

    /** 0 for a development release of a final version, 1 for a pre-release, 2 for everything else. */
    private static int preRank(Key k) {
        if (k.preNumber != null) {
            return 1;
        }
        return k.post == null && k.dev != null ? 0 : 2;
    }

    /** Compares optional numbers; {@code absent} is where a missing one sorts (-1 below all, 1 above all). */
    private static int compareOptional(String a, String b, int absent) {
        if (a == null || b == null) {
            return a == null && b == null ? 0 : a == null ? absent : -absent;
        }
        return Digits.compare(a, b);
    }

    private static int compareRelease(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = Digits.compare(i < a.size() ? a.get(i) : "0", i < b.size() ? b.get(i) : "0");
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** No local label sorts first; numeric segments sort above alphanumeric ones. */
    private static int compareLocal(List<String> a, List<String> b) {
        if (a == null || b == null) {
            return a == null && b == null ? 0 : a == null ? -1 : 1;
        }
        return Identifiers.compare(a, b, false, Comparator.naturalOrder());
    }

    private static Key parse(String version) {
        Matcher m = VERSION.matcher(version.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidVersionException(Ecosystem.PYPI, version, "not a PEP 440 version");
        }
        String pre = m.group("pre");
        String post = m.group("postImplicit") != null ? m.group("postImplicit")
                : m.group("post") != null ? orZero(m.group("postN")) : null;
        String local = m.group("local");
        return new Key(m.group("epoch") == null ? "0" : m.group("epoch"), List.of(m.group("release").split("\\.")),
                pre == null ? -1 : preLetter(pre), pre == null ? null : orZero(m.group("preN")), post,
                m.group("dev") == null ? null : orZero(m.group("devN")),
                local == null ? null : List.of(local.split("[-_.]")));
    }

    private static int preLetter(String pre) {
        return switch (pre) {
            case "a", "alpha" -> 0;
            case "b", "beta" -> 1;
            default -> 2;
        };
    }

    private static String orZero(String number) {
        return number == null ? "0" : number;
    }
}
