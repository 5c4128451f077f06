package dev.bulwark.scanner.source;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.budget.TemporarySpace;
import dev.bulwark.scanner.layer.Gunzip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Opens an image source from the text a user typed. The prefix picks the kind: {@code docker-archive:},
 * {@code oci-dir:}, {@code oci-archive:}, {@code registry:}, {@code dir:}. Without one, an existing path is
 * recognised by its contents and anything else is taken as a registry reference.
 */
public final class ImageSources {

    /** How many tar entries to look at when guessing what an archive holds. */
    private static final int SNIFF_ENTRIES = 64;

    private ImageSources() {}

    public static ImageSource open(String spec, SourceOptions options) {
        return open(spec, options, TemporarySpace.systemDefault());
    }

    /** @param temporary where an archive that must be inflated to be read goes, and up to what size */
    public static ImageSource open(String spec, SourceOptions options, TemporarySpace temporary) {
        if (spec.isBlank()) {
            throw new InvalidInputException("no image given");
        }
        int colon = spec.indexOf(':');
        String prefix = colon < 0 ? "" : spec.substring(0, colon);
        String rest = colon < 0 ? spec : spec.substring(colon + 1);
        return switch (prefix) {
            case "docker-archive" -> {
                PathAndSelector p = PathAndSelector.parse(rest);
                yield DockerArchiveImage.open(p.existingFile(), p.selector(), temporary);
            }
            case "oci-dir" -> {
                PathAndSelector p = PathAndSelector.parse(rest);
                yield OciLayoutImage.openDirectory(p.existingDirectory(), p.selector(), options.platform());
            }
            case "oci-archive" -> {
                PathAndSelector p = PathAndSelector.parse(rest);
                yield OciLayoutImage.openArchive(p.existingFile(), p.selector(), options.platform(), temporary);
            }
            case "registry" -> RegistryImage.open(rest, options);
            case "dir" -> directory(Path.of(rest));
            default -> guess(spec, options, temporary);
        };
    }

    /**
     * Opens {@code HOST[:PORT]/REPO:TAG} in a registry as the user name and password of {@code options}, or
     * anonymously when they are empty: never with a login from the environment or the Docker config. For a scanner
     * that pulls on others' behalf, which must not lend its own logins to the registries they name.
     */
    public static Image openRegistry(String reference, SourceOptions options) {
        return RegistryImage.open(RegistryReference.parse(reference),
                new RegistryCredentials(options.username(), options.password()), options,
                RegistryTransport.DEFAULT_TIMEOUT);
    }

    /**
     * {@code HOST[:PORT]/REPO[:TAG][@DIGEST]} normalised as {@code docker pull} reads it
     * ({@code docker.io/library/alpine:latest}); an {@link InvalidInputException} saying what is malformed.
     */
    public static String registryReference(String text) {
        return RegistryReference.parse(text).toString();
    }

    private static ImageSource guess(String spec, SourceOptions options, TemporarySpace temporary) {
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve("oci-layout"))
                    ? OciLayoutImage.openDirectory(path, "", options.platform())
                    : directory(path);
        }
        if (Files.isRegularFile(path)) {
            return switch (archiveKind(path)) {
                case OCI -> OciLayoutImage.openArchive(path, "", options.platform(), temporary);
                case DOCKER -> DockerArchiveImage.open(path, "", temporary);
            };
        }
        if (spec.startsWith("/") || spec.startsWith("./") || spec.startsWith("../")) {
            throw new InvalidInputException("%s: no such file or directory".formatted(spec));
        }
        return RegistryImage.open(spec, options);
    }

    private static RootDirectory directory(Path path) {
        if (!Files.isDirectory(path)) {
            throw new InvalidInputException("%s is not a directory".formatted(path));
        }
        return new RootDirectory("dir:" + path, path);
    }

    private enum ArchiveKind { OCI, DOCKER }

    private static ArchiveKind archiveKind(Path file) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = maybeGunzip(raw);
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            for (int i = 0; i < SNIFF_ENTRIES && (e = tar.getNextEntry()) != null; i++) {
                String name = BlobStore.clean(e.getName());
                if (name.equals("oci-layout")) {
                    return ArchiveKind.OCI;
                }
                if (name.equals("manifest.json") || name.endsWith("/layer.tar") || name.equals("repositories")) {
                    return ArchiveKind.DOCKER;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("%s is not a tar archive (%s)".formatted(file, ImageConfig.firstLine(e)),
                    e);
        }
        // docker save writes manifest.json last; with no OCI marker early on, a docker archive is the best guess
        return ArchiveKind.DOCKER;
    }

    private static InputStream maybeGunzip(InputStream raw) throws IOException {
        var buffered = new java.io.BufferedInputStream(raw);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        return b0 == 0x1f && b1 == 0x8b ? Gunzip.open(buffered) : buffered;
    }

    /** {@code PATH}, {@code PATH:TAG} or {@code PATH@sha256:...}; an existing path wins over a split. */
    record PathAndSelector(Path path, String selector) {

        static PathAndSelector parse(String text) {
            if (text.isEmpty()) {
                throw new InvalidInputException("no path given");
            }
            if (Files.exists(Path.of(text))) {
                return new PathAndSelector(Path.of(text), "");
            }
            int at = text.lastIndexOf('@');
            if (at > 0) {
                return new PathAndSelector(Path.of(text.substring(0, at)), text.substring(at + 1));
            }
            // a tag may hold colons itself (bookworm:2layers): the first split whose path exists wins
            int colon = text.indexOf(':', Math.max(1, text.lastIndexOf('/')));
            for (int c = colon; c > 0; c = text.indexOf(':', c + 1)) {
                if (Files.exists(Path.of(text.substring(0, c)))) {
                    return new PathAndSelector(Path.of(text.substring(0, c)), text.substring(c + 1));
                }
            }
            return colon > 0 ? new PathAndSelector(Path.of(text.substring(0, colon)), text.substring(colon + 1))
                    : new PathAndSelector(Path.of(text), "");
        }

        Path existingFile() {
            if (!Files.isRegularFile(path)) {
                throw new InvalidInputException("%s: no such file".formatted(path));
            }
            return path;
        }

        Path existingDirectory() {
            if (!Files.isDirectory(path)) {
                throw new InvalidInputException("%s: no such directory".formatted(path));
            }
            return path;
        }
    }
}
