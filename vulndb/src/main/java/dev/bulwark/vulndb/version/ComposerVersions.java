package dev.bulwark.vulndb.version;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composer's {@code VersionParser::normalize}, step by step: an alias ({@code 1.0 as 2.0}) and a stability flag
 * ({@code @beta}) are dropped; {@code master}, {@code trunk} and {@code default} and anything starting with
 * {@code dev-} are branches, kept by name; build metadata is dropped; a classical version gets four numeric parts
 * ({@code v} and a first part of at most five digits), a date version ({@code 2023-01-01}) its digits split by dots;
 * stability modifiers are spelled out ({@code a}, {@code b}, {@code p}, {@code pl}, {@code rc} as {@code alpha},
 * {@code beta}, {@code patch}, {@code patch}, {@code RC}); and a numeric branch ({@code 1.0.x-dev}) gets
 * {@code 9999999} for its wildcards. Anything else is refused.
 */
final class ComposerVersions {

    private static final String MODIFIER = "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?";
    private static final Pattern ALIAS = Pattern.compile("^([^,\\s]++) ++as ++([^,\\s]++)$");
    private static final Pattern STABILITY_FLAG = Pattern.compile("@(?:stable|RC|beta|alpha|dev)$",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> DEFAULT_BRANCHES = Set.of("master", "trunk", "default");
    private static final Pattern BUILD = Pattern.compile("^([^,\\s+]++)\\+\\S++$");
    private static final Pattern CLASSICAL = Pattern.compile(
            "^v?(\\d{1,5})(\\.\\d++)?(\\.\\d++)?(\\.\\d++)?" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile(
            "^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DEV_SUFFIX = Pattern.compile("(.*?)[.-]?dev$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMERIC_BRANCH = Pattern.compile(
            "^v?(\\d++)(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?$", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> STABILITY_NAMES = Map.of("a", "alpha", "b", "beta", "p", "patch",
            "pl", "patch", "rc", "RC");

    private ComposerVersions() {}

    static boolean isBranch(String normalized) {
        return normalized.startsWith("dev-");
    }

    static String normalize(String original) {
        String version = phpTrim(original);
        Matcher alias = ALIAS.matcher(version);
        if (alias.find()) {
            version = alias.group(1);
        }
        version = STABILITY_FLAG.matcher(version).replaceFirst("");
        if (DEFAULT_BRANCHES.contains(version)) {
            version = "dev-" + version;
        }
        if (version.regionMatches(true, 0, "dev-", 0, 4)) {
            return "dev-" + version.substring(4);
        }
        Matcher build = BUILD.matcher(version);
        if (build.find()) {
            version = build.group(1);
        }
        Matcher m = CLASSICAL.matcher(version);
        if (m.find()) {
            return withModifiers(m.group(1) + orElse(m.group(2), ".0") + orElse(m.group(3), ".0")
                    + orElse(m.group(4), ".0"), m, 5);
        }
        m = DATE.matcher(version);
        if (m.find()) {
            return withModifiers(m.group(1).replaceAll("\\D", "."), m, 2);
        }
        Matcher dev = DEV_SUFFIX.matcher(version);
        if (dev.find()) {
            Matcher branch = NUMERIC_BRANCH.matcher(phpTrim(dev.group(1)));
            if (branch.find()) {
                StringBuilder numbers = new StringBuilder();
                for (int i = 1; i < 5; i++) {
                    numbers.append(branch.group(i) == null ? ".x" : branch.group(i).replace('*', 'x').replace('X', 'x'));
                }
                return numbers.toString().replace("x", "9999999") + "-dev";
            }
        }
        throw new InvalidVersionException(Ecosystem.COMPOSER, original, "not a Composer version");
    }

    /** The stability modifier groups start at {@code index}: name, number, {@code dev}. */
    private static String withModifiers(String numbers, Matcher m, int index) {
        StringBuilder version = new StringBuilder(numbers);
        String stability = m.group(index);
        if (stability != null && !stability.isEmpty()) {
            if (stability.equals("stable")) {
                return version.toString();
            }
            String lower = stability.toLowerCase(Locale.ROOT);
            String number = m.group(index + 1);
            version.append('-').append(STABILITY_NAMES.getOrDefault(lower, lower))
                    .append(number == null ? "" : number.replaceFirst("^[.-]+", ""));
        }
        if (m.group(index + 2) != null && !m.group(index + 2).isEmpty()) {
            version.append("-dev");
        }
        return version.toString();
    }

    private static String orElse(String group, String fallback) {
        return group == null || group.isEmpty() ? fallback : group;
    }

    /** PHP's {@code trim}: spaces, tabs, line ends, NUL and vertical tab only. */
    private static String phpTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && " \t\n\r\0\u000B".indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\n\r\0\u000B".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
