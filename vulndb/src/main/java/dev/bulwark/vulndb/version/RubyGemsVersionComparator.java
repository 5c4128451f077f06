package dev.bulwark.vulndb.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems' {@code Gem::Version} ordering. A version is split into runs of digits and runs of letters
 * ({@code -} reads as {@code .pre.}); trailing zeros of the numeric part and of the part from the first letters
 * on are dropped; then segments compare pairwise, a missing one counting as 0, numbers numerically, letters
 * bytewise, and letters below numbers, so that {@code 1.0.a < 1.0 < 1.0.1}. An empty version is {@code 0}.
 */
final class RubyGemsVersionComparator implements VersionComparator {

    static final RubyGemsVersionComparator INSTANCE = new RubyGemsVersionComparator();

    private static final Pattern VALID =
            Pattern.compile("[0-9]+(?:\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?|");
    private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

    private RubyGemsVersionComparator() {}

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.GEM;
    }

    @Override
    public void validate(String version) {
        if (!VALID.matcher(version.strip()).matches()) {
            throw new InvalidVersionException(Ecosystem.GEM, version, "not a RubyGems version");
        }
    }

    @Override
    public int compare(String a, String b) {
        List<String> x = canonicalSegments(a);
        List<String> y = canonicalSegments(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            String l = i < x.size() ? x.get(i) : "0";
            String r = i < y.size() ? y.get(i) : "0";
            boolean lNum = Digits.isDigit(l.charAt(0));
            boolean rNum = Digits.isDigit(r.charAt(0));
            int c = lNum && rNum ? Digits.compare(l, r) : lNum != rNum ? (lNum ? 1 : -1) : Integer.signum(l.compareTo(r));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private List<String> canonicalSegments(String version) {
        validate(version);
        String v = version.strip().replace("-", ".pre.");
        List<String> numeric = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        Matcher m = SEGMENT.matcher(v.isEmpty() ? "0" : v);
        while (m.find()) {
            String s = m.group();
            (rest.isEmpty() && Digits.isDigit(s.charAt(0)) ? numeric : rest).add(s);
        }
        dropTrailingZeros(numeric);
        dropTrailingZeros(rest);
        numeric.addAll(rest);
        return numeric;
    }

    private static void dropTrailingZeros(List<String> segments) {
        while (!segments.isEmpty() && Digits.isDigits(segments.getLast())
                && Digits.stripZeros(segments.getLast()).equals("0")) {
            segments.removeLast();
        }
    }
}
