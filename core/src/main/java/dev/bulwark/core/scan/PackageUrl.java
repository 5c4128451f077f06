package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A package URL ({@code pkg:type/namespace/name@version?qualifiers}) in canonical form: qualifiers sorted by key,
 * empty qualifiers left out, and every character outside {@code A-Z a-z 0-9 . - _ ~} percent-encoded in the
 * namespace, name, version and qualifier values.
 *
 * @param namespace may be empty, and may hold several segments separated by {@code /}
 * @param version may be empty
 */
public record PackageUrl(String type, String namespace, String name, String version,
        SortedMap<String, String> qualifiers) {

    public PackageUrl {
        requireNonNull(type, "type");
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
        requireNonNull(version, "version");
        qualifiers = new TreeMap<>(qualifiers);
        qualifiers.values().removeIf(String::isEmpty);
        if (type.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("a purl needs a type and a name");
        }
    }

    public static PackageUrl of(String type, String namespace, String name, String version,
            Map<String, String> qualifiers) {
        return new PackageUrl(type, namespace, name, version, new TreeMap<>(qualifiers));
    }

    /**
     * The purl of a language package from the name its ecosystem uses: Maven {@code group:artifact}, npm
     * {@code @scope/name}, Go and Composer paths split at the last {@code /}, PyPI names in PEP 503 form.
     */
    public static PackageUrl language(PackageType type, String name, String version) {
        String namespace = "";
        String shortName = name;
        int split = switch (type) {
            case MAVEN -> name.indexOf(':');
            case NPM, GOLANG, COMPOSER -> name.lastIndexOf('/');
            default -> -1;
        };
        if (split > 0) {
            namespace = name.substring(0, split);
            shortName = name.substring(split + 1);
        }
        if (type == PackageType.PYPI) {
            shortName = shortName.toLowerCase(java.util.Locale.ROOT).replaceAll("[-_.]+", "-");
        }
        return of(type.id(), namespace, shortName, version, Map.of());
    }

    @Override
    public String toString() {
        StringBuilder purl = new StringBuilder("pkg:").append(type).append('/');
        if (!namespace.isEmpty()) {
            for (String segment : namespace.split("/")) {
                purl.append(encode(segment)).append('/');
            }
        }
        purl.append(encode(name));
        if (!version.isEmpty()) {
            purl.append('@').append(encode(version));
        }
        char separator = '?';
        for (var q : qualifiers.entrySet()) {
            purl.append(separator).append(q.getKey()).append('=').append(encode(q.getValue()));
            separator = '&';
        }
        return purl.toString();
    }

    private static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || ".-_~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
