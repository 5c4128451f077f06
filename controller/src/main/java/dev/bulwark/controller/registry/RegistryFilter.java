package dev.bulwark.controller.registry;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.bulwark.controller.api.ApiException;
import java.util.Objects;

/**
 * One of a registry's filters, which pick the repositories and tags a registry scan takes, read as NeuVector reads
 * them ({@code parseFilter} in {@code controller/rest/registry.go}, {@code filterRepos} and {@code filterTags} in
 * {@code controller/scan/image.go}).
 *
 * <p>A filter is {@code [ORG/]REPOSITORY[:TAG]}:
 * <ul>
 * <li>{@code ORG} is everything before the first {@code /}: letters, digits, {@code .}, {@code _} and {@code -} only,
 * no wildcard ({@code neu*}{@code /app} is refused). It must equal the part of a repository name before that
 * name's first {@code /}; the rest of the name must match {@code REPOSITORY}. Without {@code ORG} the whole
 * repository name, slashes included, must match. A registry of {@link RegistryType#OPENSHIFT} needs an {@code ORG}
 * (its namespace) in every filter but {@code *}. In JFrog's Subdomain mode, {@code <name>} is taken as the ORG, to
 * name the subdomain.</li>
 * <li>{@code REPOSITORY} and {@code TAG} (everything after the first {@code :} that follows the ORG) are RE2 regular
 * expressions, Go's syntax, after NeuVector's wildcard rule: a {@code *} becomes {@code .*} unless it follows
 * {@code .}, {@code ]} or {@code )}, where it is the regex's own star ({@code v2.*} is {@code v2.*}, {@code *_x_*}
 * is {@code .*_x_.*}). Each must match the whole name, as NeuVector's {@code ^PATTERN$}, which it does not group:
 * a top-level alternation {@code a|b} therefore matches a name that starts with {@code a} or ends with {@code b},
 * as in NeuVector. Spaces around them are dropped.</li>
 * <li>A filter without a tag takes every tag; {@code *} and {@code *:*} take every repository and tag.</li>
 * <li>A filter ending in {@code /} is refused, and {@code *} on its own is refused for
 * {@link RegistryType#GITHUB}, which cannot list all repositories.</li>
 * <li>On Docker Hub, a filter without {@code ORG} whose repository has no wildcard names an official image:
 * {@code nginx:1.*} is {@code library/nginx:1.*} ({@link #onDockerHub}).</li>
 * </ul>
 * Matching uses RE2/J, which runs in time linear in the name, as Go's regexp does, so no filter can make a name a
 * registry lists take long to match.
 *
 * <p>Immutable and thread-safe; equal when org, repository and tag patterns are.
 */
public final class RegistryFilter {

    /** A filter's length bound: a repository name (255) and a tag (128) with room for patterns. */
    static final int MAX_LENGTH = 512;
    private static final java.util.regex.Pattern ORG = java.util.regex.Pattern.compile("[a-zA-Z0-9.\\-_]*");
    static final String ANY = ".*";

    private final String org;
    private final String repository;
    private final String tag;
    private final Pattern repositoryPattern;
    private final Pattern tagPattern;

    private RegistryFilter(String org, String repository, String tag) {
        this.org = org;
        this.repository = repository;
        this.tag = tag;
        this.repositoryPattern = Pattern.compile("^" + repository + "$");
        this.tagPattern = Pattern.compile("^" + tag + "$");
    }

    /**
     * Reads a filter of a registry of this type; {@code jfrogMode} is its JFrog mode (empty for other types).
     *
     * @throws ApiException 400 with NeuVector's message, naming the filter, when the filter is not one
     */
    public static RegistryFilter parse(String filter, RegistryType type, String jfrogMode) {
        Objects.requireNonNull(filter, "filter");
        if (filter.length() > MAX_LENGTH || filter.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.badRequest("Invalid filter format: a filter is up to %d characters, without control"
                    .formatted(MAX_LENGTH) + " characters");
        }
        if (filter.equals("*") && type == RegistryType.GITHUB) {
            throw ApiException.badRequest("filter \"*\" is unsupported by registry type " + type.text()
                    + ": name an owner, such as owner/*");
        }
        int slash = filter.indexOf('/');
        if (filter.length() > 1 && slash == filter.length() - 1) {
            throw ApiException.badRequest("invalid filter \"%s\": trailing slash not allowed in filter (use %s*)"
                    .formatted(filter, filter));
        }
        String org = "";
        String rest = filter;
        if (slash > 0) {
            org = filter.substring(0, slash);
            rest = filter.substring(slash + 1);
        }
        String repository = rest.strip();
        String tag = "";
        int colon = rest.indexOf(':');
        if (colon > 0) {
            repository = rest.substring(0, colon).strip();
            tag = rest.substring(colon + 1).strip();
        }
        boolean placeholder = type == RegistryType.JFROG && RegistryConfig.JFROG_SUBDOMAIN.equals(jfrogMode)
                && org.startsWith("<") && org.endsWith(">");
        if (!placeholder && (!org.isEmpty() && !ORG.matcher(org).matches()
                || org.isEmpty() && !rest.equals("*") && type == RegistryType.OPENSHIFT)) {
            throw ApiException.badRequest(("Invalid filter format \"%s\": filters are [org/]repository[:tag], the"
                    + " org of letters, digits, '.', '_' or '-'%s").formatted(filter, type == RegistryType.OPENSHIFT
                    ? ", and an OpenShift registry's filters name their namespace as org" : ""));
        }
        String repositoryRegex = wildcards(repository);
        if (repositoryRegex == null) {
            throw ApiException.badRequest("Regular express error in repository of filter \"%s\"".formatted(filter));
        }
        String tagRegex = tag.isEmpty() ? ANY : wildcards(tag);
        if (tagRegex == null) {
            throw ApiException.badRequest("Regular express error in tag of filter \"%s\"".formatted(filter));
        }
        return new RegistryFilter(org, repositoryRegex, tagRegex);
    }

    /** NeuVector's wildcards to RE2: a star not after {@code .}, {@code ]} or {@code )} is {@code .*}; null if invalid. */
    private static String wildcards(String s) {
        s = s.strip();
        if (s.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        if (s.equals("*")) {
            out.append(ANY);
        } else {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '*' && (i == 0 || ".])".indexOf(s.charAt(i - 1)) < 0)) {
                    out.append(ANY);
                } else {
                    out.append(ch);
                }
            }
        }
        try {
            Pattern.compile(out.toString());
        } catch (PatternSyntaxException e) {
            return null;
        }
        return out.toString();
    }

    /**
     * The filter as NeuVector applies it on Docker Hub: without an org, a repository without a wildcard is an
     * official image, in org {@code library}. Others are returned as they are.
     */
    public RegistryFilter onDockerHub() {
        return org.isEmpty() && !repository.contains("*") ? new RegistryFilter("library", repository, tag) : this;
    }

    /** Whether the filter takes this tag of this repository (a name as the registry lists it, {@code org/app}). */
    public boolean matches(String repositoryName, String tagName) {
        return matchesRepository(repositoryName) && (tag.equals(ANY) || tagPattern.matcher(tagName).find());
    }

    /** Whether the filter takes some tags of this repository. */
    public boolean matchesRepository(String repositoryName) {
        if (org.isEmpty() && repository.equals(ANY)) {
            return true;
        }
        String name = repositoryName;
        if (!org.isEmpty()) {
            int slash = repositoryName.indexOf('/');
            if (slash <= 0 || !repositoryName.substring(0, slash).equals(org)) {
                return false;
            }
            name = repositoryName.substring(slash + 1);
        }
        // ^PATTERN$ searched for, as Go's MatchString does, so that an ungrouped a|b reads as NeuVector reads it
        return repositoryPattern.matcher(name).find();
    }

    /** The org a repository's name must start with; empty for any. */
    public String org() {
        return org;
    }

    /** The RE2 pattern the rest of a repository's name must match, as NeuVector stores it ({@code .*} for any). */
    public String repository() {
        return repository;
    }

    /** The RE2 pattern a tag must match, as NeuVector stores it ({@code .*} for any). */
    public String tag() {
        return tag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryFilter f && f.org.equals(org) && f.repository.equals(repository)
                && f.tag.equals(tag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(org, repository, tag);
    }

    @Override
    public String toString() {
        return (org.isEmpty() ? "" : org + "/") + repository + ":" + tag;
    }
}
