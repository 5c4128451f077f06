package dev.bulwark.vulndb.version;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NuGet's {@code NuGetVersion} ordering: up to four numeric parts ({@code 1.0 = 1.0.0 = 1.0.0.0}), then a
 * release above any of its pre-releases, pre-release labels compared one by one (numbers numerically and below
 * text, text case-insensitively, a shorter list first). Build metadata after {@code +} does not take part.
 */
final class NuGetVersionComparator implements VersionComparator {

    static final NuGetVersionComparator INSTANCE = new NuGetVersionComparator();

    private static final Pattern VERSION = Pattern.compile(
            "(?<numbers>[0-9]+(?:\\.[0-9]+){0,3})(?:-(?<pre>[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
                    + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

    private record Parsed(List<String> numbers, List<String> pre) {}

    private NuGetVersionComparator() {}

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.NUGET;
    }

    @Override
    public void validate(String version) {
        parse(version);
    }

    @Override
    public int compare(String a, String b) {
        Parsed x = parse(a);
        Parsed y = parse(b);
        for (int i = 0; i < 4; i++) {
            int c = Digits.compare(i < x.numbers.size() ? x.numbers.get(i) : "0",
                    i < y.numbers.size() ? y.numbers.get(i) : "0");
            if (c != 0) {
                return c;
            }
        }
        if (x.pre.isEmpty() || y.pre.isEmpty()) {
            return Boolean.compare(x.pre.isEmpty(), y.pre.isEmpty());
        }
        return Identifiers.compare(x.pre, y.pre, true, String.CASE_INSENSITIVE_ORDER);
    }

    private static Parsed parse(String version) {
        Matcher m = VERSION.matcher(version.strip());
        if (!m.matches()) {
            throw new InvalidVersionException(Ecosystem.NUGET, version, "not a NuGet version");
        }
        String pre = m.group("pre");
        return new Parsed(List.of(m.group("numbers").split("\\.")), pre == null ? List.of() : List.of(pre.split("\\.")));
    }
}
