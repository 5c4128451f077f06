package dev.bulwark.scanner.service;

import static java.util.Objects.requireNonNull;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.scanner.source.Image;
import dev.bulwark.scanner.source.LayerDescriptor;

/**
 * An image of a repository scan, scanned but not yet matched: what {@link RepositoryScanner#scan} pulled, kept so
 * that matching can wait for the vulnerability database without holding the image open.
 *
 * @param imageId the config digest's hex, as NeuVector and Docker show an image id
 * @param author the config's {@code author}, often empty
 * @param createdAt the config's {@code created}, RFC 3339, empty when absent
 * @param size the stored (compressed) size of the layers, of those whose size the source knows
 * @param base the layers of the request's base image
 */
public record ScannedImage(RepositoryScanRequest request, ImageInventory inventory, String imageId, String author,
        String createdAt, long size, BaseImage base) {

    public ScannedImage {
        requireNonNull(request, "request");
        requireNonNull(inventory, "inventory");
        requireNonNull(imageId, "imageId");
        requireNonNull(author, "author");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(base, "base");
    }

    /** What the image's config and manifest tell beside the inventory, without a base image. */
    public static ScannedImage of(RepositoryScanRequest request, Image image, ImageInventory inventory) {
        return of(request, image, inventory, BaseImage.NONE);
    }

    static ScannedImage of(RepositoryScanRequest request, Image image, ImageInventory inventory, BaseImage base) {
        String configDigest = image.config().digest();
        return new ScannedImage(request, inventory, configDigest.substring(configDigest.indexOf(':') + 1),
                image.config().raw().path("author").asText(""), image.config().raw().path("created").asText(""),
                image.layers().stream().mapToLong(LayerDescriptor::size).filter(s -> s > 0).sum(), base);
    }
}
