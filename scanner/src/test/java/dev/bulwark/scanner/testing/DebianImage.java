package dev.bulwark.scanner.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A built and cached Debian bookworm image in every form the scanner reads, with the package lists that dpkg
 * itself reports for it, to serve as the oracle.
 *
 * <p>The image has two layers. Layer 1 is a {@code mmdebstrap --variant=minbase} root file system. Layer 2 purges
 * {@link #REMOVED_PACKAGE}, installs {@link #ADDED_PACKAGE} with apt, and deletes {@link #DELETED_FILE}, so its
 * tar holds whiteouts that must be applied to get the right package list. The files under {@link #directory()}
 * are shared by every test and must not be modified.
 *
 * @param directory the cache directory holding everything below, never modified once built
 * @param layer1Packages what dpkg-query lists as installed on layer 1 alone, sorted by name
 * @param expectedPackages what dpkg-query lists as installed on the final root file system, sorted by name
 */
public record DebianImage(Path directory, List<DpkgEntry> layer1Packages, List<DpkgEntry> expectedPackages) {

    /** The tag (OCI {@code org.opencontainers.image.ref.name}) of the two-layer image. */
    public static final String TAG = "bookworm:2layers";
    /** The tag of the one-layer image that is layer 1 alone; the same layout holds both. */
    public static final String LAYER1_TAG = "bookworm:1layer";
    /** Installed in layer 1 and purged in layer 2; nothing in minbase depends on it. */
    public static final String REMOVED_PACKAGE = "e2fsprogs";
    /** Installed by apt in layer 2. */
    public static final String ADDED_PACKAGE = "hello";
    /** Present in layer 1, deleted in layer 2 (the build host's resolver configuration), relative to the root. */
    public static final String DELETED_FILE = "etc/resolv.conf";

    public DebianImage {
        requireNonNull(directory, "directory");
        layer1Packages = List.copyOf(layer1Packages);
        expectedPackages = List.copyOf(expectedPackages);
    }

    /** The OCI image layout directory, holding {@link #TAG} and {@link #LAYER1_TAG}, gzip layers. */
    public Path ociLayout() {
        return directory.resolve("oci");
    }

    /** {@link #TAG} as a docker-archive ({@code docker save} format, uncompressed layers). */
    public Path dockerArchive() {
        return directory.resolve("bookworm-2layers.docker.tar");
    }

    /** {@link #dockerArchive()} compressed as a whole with gzip, as {@code docker save | gzip} makes it. */
    public Path dockerArchiveGz() {
        return directory.resolve("bookworm-2layers.docker.tar.gz");
    }

    /** A tar of {@link #ociLayout()} (entries {@code oci-layout}, {@code index.json}, {@code blobs/...}). */
    public Path ociArchive() {
        return directory.resolve("bookworm-2layers.oci.tar");
    }

    /**
     * An OCI layout holding only {@link #TAG} with zstd-compressed layers, or empty when the installed skopeo
     * could not write zstd.
     */
    public Optional<Path> zstdOciLayout() {
        Path layout = directory.resolve("oci-zstd");
        return Files.isDirectory(layout) ? Optional.of(layout) : Optional.empty();
    }

    /** The root file system of layer 1 alone, as umoci packed it. */
    public Path layer1Rootfs() {
        return directory.resolve("layer1").resolve("rootfs");
    }

    /** The root file system of {@link #TAG} after both layers, as umoci packed it. */
    public Path finalRootfs() {
        return directory.resolve("final").resolve("rootfs");
    }

    /** Reads the image that a finished build left in {@code directory}. */
    static DebianImage load(Path directory) throws IOException {
        Path layer1 = directory.resolve(DebianImageFixture.LAYER1_PACKAGES);
        Path last = directory.resolve(DebianImageFixture.FINAL_PACKAGES);
        return new DebianImage(directory,
                DpkgEntry.parseQuery(Files.readString(layer1), layer1.toString()),
                DpkgEntry.parseQuery(Files.readString(last), last.toString()));
    }

    /**
     * One installed package as dpkg-query prints it with
     * {@code -f '${Package} ${Version} ${Architecture} ${source:Package} ${source:Version}'}.
     *
     * @param name the binary package name
     * @param version the full Debian version, with epoch when there is one
     * @param architecture {@code amd64}, {@code all}, ...
     * @param sourceName the source package, equal to {@code name} when the status file names none
     * @param sourceVersion the source version, which differs from {@code version} for binNMUs ({@code +b1})
     */
    public record DpkgEntry(String name, String version, String architecture, String sourceName,
                            String sourceVersion) {

        private static final int FIELDS = 6;

        public DpkgEntry {
            for (String field : List.of(name, version, architecture, sourceName, sourceVersion)) {
                if (field.isEmpty()) {
                    throw new IllegalArgumentException("incomplete package %s %s %s (source %s %s)"
                            .formatted(name, version, architecture, sourceName, sourceVersion));
                }
            }
        }

        /**
         * Parses the output of {@link DebianImageFixture#dpkgQuery} (the status, then the five fields above, per
         * line), keeping only packages whose status is {@code installed}, sorted by name and architecture.
         *
         * @param source where the output came from, for the error message
         * @throws IllegalArgumentException naming the source and the line when a line has another shape
         */
        static List<DpkgEntry> parseQuery(String output, String source) {
            return output.lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> {
                        String[] fields = line.split(" ");
                        if (fields.length != FIELDS) {
                            throw new IllegalArgumentException("%s: expected %d space-separated fields: %s"
                                    .formatted(source, FIELDS, line));
                        }
                        return fields;
                    })
                    .filter(fields -> fields[0].equals("installed"))
                    .map(fields -> new DpkgEntry(fields[1], fields[2], fields[3], fields[4], fields[5]))
                    .sorted(Comparator.comparing(DpkgEntry::name).thenComparing(DpkgEntry::architecture))
                    .toList();
        }
    }
}
