package dev.bulwark.vulndb.version;

import java.util.ArrayList;
import java.util.List;

/**
 * Packagist versions as Composer orders them: normalised by {@link ComposerVersions} like Composer's
 * {@code VersionParser}, then compared like {@code Composer\Semver\Comparator}. That is PHP's {@code version_compare}:
 * parts split at separators and digit-letter changes, numbers numerically (saturating at PHP's largest integer),
 * and the special forms {@code dev < alpha < beta < RC < (number) < patch}; any other text sorts below {@code dev}.
 * A branch ({@code dev-main}) is below every numbered version, as {@code version_compare} puts {@code dev} first.
 * Composer leaves two different branches unordered (neither less, equal nor greater); a {@link java.util.Comparator}
 * must order them, so they compare by name.
 */
final class ComposerVersionComparator implements VersionComparator {

    static final ComposerVersionComparator INSTANCE = new ComposerVersionComparator();

    /** PHP's special forms in the order it tries them; a part is the first whose name it starts with. */
    private static final List<String> FORMS = List.of("dev", "alpha", "a", "beta", "b", "RC", "rc", "#", "pl", "p");
    private static final int[] FORM_RANKS = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5};
    private static final int NUMBER_RANK = 4;
    /** PHP reads a numeric part with {@code strtol}, which stops at the largest long. */
    private static final String PHP_INT_MAX = String.valueOf(Long.MAX_VALUE);

    private ComposerVersionComparator() {}

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.COMPOSER;
    }

    @Override
    public void validate(String version) {
        ComposerVersions.normalize(version);
    }

    @Override
    public int compare(String a, String b) {
        String x = ComposerVersions.normalize(a);
        String y = ComposerVersions.normalize(b);
        boolean xBranch = ComposerVersions.isBranch(x);
        boolean yBranch = ComposerVersions.isBranch(y);
        if (xBranch || yBranch) {
            return xBranch && yBranch ? Integer.signum(x.compareTo(y)) : xBranch ? -1 : 1;
        }
        return versionCompare(x, y);
    }

    /** PHP's {@code version_compare} on two normalised numbered versions. */
    private static int versionCompare(String a, String b) {
        List<String> x = parts(a);
        List<String> y = parts(b);
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
            int c = lNum && rNum ? Digits.compare(phpInt(l), phpInt(r)) : Integer.compare(rank(l), rank(r));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String phpInt(String digits) {
        String value = Digits.stripZeros(digits);
        return Digits.compare(value, PHP_INT_MAX) > 0 ? PHP_INT_MAX : value;
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
