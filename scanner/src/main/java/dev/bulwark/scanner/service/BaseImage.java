package dev.bulwark.scanner.service;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.source.Image;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.LayerDescriptor;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * NeuVector's {@code base_image} of a CI scan: the layers of the image the scanned one was built from, so that a
 * vulnerability introduced by one of them is reported {@code in_base_image}. Only the base's manifest and config
 * are pulled.
 *
 * @param diffIds the base's layers; empty without a base image or when it could not be read
 * @param warning why the base was not read, for the report's warnings
 */
record BaseImage(Set<String> diffIds, Optional<String> warning) {

    static final BaseImage NONE = new BaseImage(Set.of(), Optional.empty());

    BaseImage {
        diffIds = Set.copyOf(diffIds);
    }

    static BaseImage read(RepositoryScanRequest request) {
        if (request.baseImage().isEmpty()) {
            return NONE;
        }
        try (Image base = ImageSources.openRegistry(request.baseImageReference(), request.baseImageOptions())) {
            return new BaseImage(base.layers().stream().map(LayerDescriptor::diffId).collect(Collectors.toSet()),
                    Optional.empty());
        } catch (InvalidInputException e) {
            return new BaseImage(Set.of(), Optional.of("base_image %s was not read, so in_base_image is false for"
                    .formatted(request.baseImage()) + " every vulnerability: " + e.getMessage()));
        }
    }
}
