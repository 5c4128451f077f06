package dev.bulwark.scanner.service;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.source.RegistryCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists what a registry holds for a registry scan: the repositories of its catalog, or the tags of the repositories
 * named, each with the digest it names now (so that an image not changed since its last scan need not be pulled
 * again). A repository whose tags cannot be listed is a warning, not the end of the listing; a catalog that cannot
 * be read fails it.
 */
public final class RegistryListing {

    /** A repository, with its tags when they were asked for. */
    public record Repository(String name, List<Tag> tags) {}

    /** A tag, with the digest of what it names now. */
    public record Tag(String name, String digest) {}

    /** What was listed, and what could not be. */
    public record Result(List<Repository> repositories, List<String> warnings) {}

    private RegistryListing() {}

    public static Result list(RegistryListRequest request) {
        RegistryCatalog catalog = new RegistryCatalog(request.host(), request.sourceOptions());
        if (request.repositories().isEmpty()) {
            return new Result(catalog.repositories(request.limit()).stream()
                    .map(name -> new Repository(name, List.of())).toList(), List.of());
        }
        List<Repository> listed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String repository : request.repositories()) {
            try {
                List<Tag> tags = new ArrayList<>();
                for (String tag : catalog.tags(repository, request.limit())) {
                    tags.add(new Tag(tag, catalog.digest(repository, tag)));
                }
                listed.add(new Repository(repository, tags));
            } catch (InvalidInputException e) {
                warnings.add("%s: %s".formatted(repository, e.getMessage()));
            }
        }
        return new Result(listed, warnings);
    }
}
