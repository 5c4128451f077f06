package dev.bulwark.scanner.service;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.source.RegistryCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the images a registry scan takes: the repositories its filters match (from the catalog, unless every
 * filter names its repository outright, as on registries without a catalog such as Docker Hub), then the tags of
 * each that a filter of that repository matches. A repository whose tags cannot be listed is a warning, not the
 * end of the listing.
 */
public final class RegistryListing {

    /** One image to scan. */
    public record Image(String repository, String tag) {}

    /** The images, and what could not be listed. */
    public record Result(List<Image> images, List<String> warnings) {}

    private RegistryListing() {}

    public static Result list(RegistryListRequest request) {
        RegistryCatalog catalog = new RegistryCatalog(request.host(), request.sourceOptions());
        List<String> warnings = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        for (String repository : repositories(request, catalog)) {
            List<RegistryListRequest.Filter> mine = request.filters().stream()
                    .filter(f -> f.repository().matches(repository)).toList();
            try {
                catalog.tags(repository, RegistryListRequest.MOST_TAGS).stream()
                        .filter(tag -> mine.stream().anyMatch(f -> f.tag().matches(tag)))
                        .limit(request.tagLimit())
                        .forEach(tag -> images.add(new Image(repository, tag)));
            } catch (InvalidInputException e) {
                warnings.add("%s: %s".formatted(repository, e.getMessage()));
            }
        }
        return new Result(images, warnings);
    }

    private static Set<String> repositories(RegistryListRequest request, RegistryCatalog catalog) {
        Set<String> named = new LinkedHashSet<>();
        boolean allLiteral = request.filters().stream().allMatch(f -> f.repository().literal());
        if (allLiteral) {
            request.filters().forEach(f -> named.add(f.repository().pattern()));
        } else {
            catalog.repositories(RegistryListRequest.MOST_REPOSITORIES).stream()
                    .filter(r -> request.filters().stream().anyMatch(f -> f.repository().matches(r)))
                    .forEach(named::add);
        }
        return named.stream().limit(request.repoLimit()).collect(java.util.stream.Collectors.toCollection(
                LinkedHashSet::new));
    }
}
