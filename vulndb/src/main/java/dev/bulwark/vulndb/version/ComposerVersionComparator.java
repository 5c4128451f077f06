package dev.bulwark.vulndb.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packagist versions as Composer orders them: first normalised like Composer's {@code VersionParser}
 * ({@code v} prefix and build metadata dropped, four numeric parts, {@code a}/{@code b}/{@code p}/{@code pl}
 * spelled {@code alpha}/{@code beta}/{@code patch}, {@code -dev} kept), then compared with PHP's
 * {@code version_compare}: parts split at separators and digit-letter changes, numbers numerically, and the
 * special forms {@code dev < alpha < beta < RC < (number) < patch}; any other text sorts below {@code dev}.
 * Branch names ({@code dev-main}) have no order and are refused.
 */
final class ComposerVersionComparator implements VersionComparator {

    static final ComposerVersionComparator INSTANCE = new ComposerVersionComparator();

    private static final Pattern VERSION = Pattern.compile("""
            v?(?<numbers>[0-9]+(?:\\.[0-9]+){0,3})\
            (?:[._-]?(?<stability>stable|beta|b|rc|alpha|a|patch|pl|p)(?<number>(?:[.-]?[0-9]+)*)?)?\
            (?<dev>[.-]?dev)?(?:\\+[^\\s]+)?""");
    private static final Map<String, String> STABILITY_NAMES = Map.of("a", "alpha", "b", "beta", "p", "patch",
            "pl", "patch", "rc", "RC");
    /** PHP's special forms in the order it tries them; a part is the first whose name it starts with. */
    private static final List<String> FORMS = List.of("dev", "alpha", "a", "beta", "b", "RC", "rc", "#", "pl", "p");
    private static final int[] FORM_RANKS = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5};
    private static final int NUMBER_RANK = 4;

    private ComposerVersionComparator() {}

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.COMPOSER;
    }

    @Override
    public void validate(String version) {
        normalize(version);
    }

    @Override
    public int compare(String a, String b) {
        List<String> x = parts(normalize(a));
        List<String> y = parts(normalize(b));
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            if (i >= x.size() || i >= y.size()) {
                String rest = i < x.size() ? x.get(i) : y.get(i);
                int longer = rank(rest) == NUMBER_RANK ? 1 : Integer.signum(rank(rest) - NUMBER_RANK);
                return i < x.size() ? longer : -longer;
            }
            String l = x.get(i);
            String r = y.get(i);
            boolean lNum = Digits.isDigit(l.charAt(0));
            boolean rNum = Digits.isDigit(r.charAt(0));
            int c = lNum && rNum ? Digits.compare(l, r) : Integer.compare(rank(l), rank(r));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String normalize(String version) {
        Matcher m = VERSION.matcher(version.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidVersionException(Ecosystem.COMPOSER, version, "not a Composer version");
        }
        List<String> numbers = new ArrayList<>(List.of(m.group("numbers").split("\\.")));
        while (numbers.size() < 4) {
            numbers.add("0");
        }
        StringBuilder normal = new StringBuilder(String.join(".", numbers));
        String stability = m.group("stability");
        if (stability != null && !stability.equals("stable")) {
            normal.append('-').append(STABILITY_NAMES.getOrDefault(stability, stability))
                    .append(m.group("number") == null ? "" : m.group("number").replaceFirst("^[.-]+", ""));
        }
        if (m.group("dev") != null) {
            normal.append("-dev");
        }
        return normal.toString();
    }

    /** PHP's canonical split: separators and digit-letter changes end a part. */
    private static List<String> parts(String version) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            boolean alnum = Digits.isDigit(c) || Character.isLetter(c);
            if (!part.isEmpty() && (!alnum || Digits.isDigit(c) != Digits.isDigit(part.charAt(0)))) {
                parts.add(part.toString());
                part.setLength(0);
            }
            if (alnum) {
                part.append(c);
            }
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        return parts;
    }

    private static int rank(String part) {
        if (Digits.isDigit(part.charAt(0))) {
            return NUMBER_RANK;
        }
        for (int i = 0; i < FORMS.size(); i++) {
            if (part.startsWith(FORMS.get(i))) {
                return FORM_RANKS[i];
            }
        }
        return -1;
    }
}
