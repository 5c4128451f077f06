package dev.bulwark.scanner.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdInputStream;
import dev.bulwark.core.json.Json;
import dev.bulwark.scanner.testing.DebianImage.DpkgEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Checks the invariants that other integration tests rely on when they use {@link DebianImageFixture}: the shape
 * of the OCI layout, the whiteouts in layer 2, the package lists against dpkg-query, and that every other form of
 * the image holds the same layers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebianImageFixtureIT {

    private static final String GZIP_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String ZSTD_LAYER = "application/vnd.oci.image.layer.v1.tar+zstd";

    private DebianImage image;

    @BeforeAll
    void buildOrReuseImage() throws IOException {
        image = DebianImageFixture.get();
    }

    @Test
    void layoutTagsBothImagesAndTheTwoLayerImageStacksOnTheOneLayerImage() throws IOException {
        Map<String, JsonNode> manifests = manifestsByTag(image.ociLayout());

        assertThat(manifests).containsOnlyKeys(DebianImage.LAYER1_TAG, DebianImage.TAG);
        JsonNode base = manifests.get(DebianImage.LAYER1_TAG).get("layers");
        JsonNode top = manifests.get(DebianImage.TAG).get("layers");
        assertThat(base).hasSize(1);
        assertThat(top).hasSize(2);
        assertThat(top.get(0).get("digest")).isEqualTo(base.get(0).get("digest"));
        for (JsonNode layer : top) {
            assertThat(layer.get("mediaType").asText()).isEqualTo(GZIP_LAYER);
        }
    }

    @Test
    void layerBlobsMatchTheirDigestsAndTheConfigDiffIds() throws IOException {
        JsonNode manifest = manifestsByTag(image.ociLayout()).get(DebianImage.TAG);
        List<String> diffIds = diffIds(image.ociLayout(), manifest);

        assertThat(diffIds).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Path blob = blob(image.ociLayout(), manifest.get("layers").get(i).get("digest").asText());
            try (InputStream compressed = Files.newInputStream(blob);
                 InputStream plain = new GZIPInputStream(Files.newInputStream(blob))) {
                assertThat(sha256(compressed)).as("digest of %s", blob)
                        .isEqualTo(manifest.get("layers").get(i).get("digest").asText());
                assertThat(sha256(plain)).as("diff id of layer %d", i + 1).isEqualTo(diffIds.get(i));
            }
        }
    }

    @Test
    void secondLayerWhitesOutTheRemovedPackageAndTheDeletedFile() throws IOException {
        JsonNode manifest = manifestsByTag(image.ociLayout()).get(DebianImage.TAG);
        Path layer2 = blob(image.ociLayout(), manifest.get("layers").get(1).get("digest").asText());
        Set<String> names = new TreeSet<>();
        try (var tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(layer2)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        String removed = DebianImage.REMOVED_PACKAGE;
        String deleted = DebianImage.DELETED_FILE;
        String whiteout = deleted.substring(0, deleted.lastIndexOf('/') + 1) + ".wh."
                + deleted.substring(deleted.lastIndexOf('/') + 1);

        assertThat(names).contains(whiteout,
                "var/lib/dpkg/info/.wh." + removed + ".list",
                "usr/share/doc/.wh." + removed,
                "var/lib/dpkg/status",
                "var/lib/dpkg/info/" + DebianImage.ADDED_PACKAGE + ".list",
                "usr/bin/" + DebianImage.ADDED_PACKAGE);
        assertThat(names).noneMatch(name -> name.startsWith("dev/") && !name.equals("dev/"));
    }

    @Test
    void dpkgListsTheRemovedPackageOnLayer1AndTheAddedOneOnTheFinalRootfs() throws IOException {
        List<DpkgEntry> layer1 = queryDpkg(image.layer1Rootfs());
        List<DpkgEntry> last = queryDpkg(image.finalRootfs());

        assertThat(image.layer1Packages()).isEqualTo(layer1);
        assertThat(image.expectedPackages()).isEqualTo(last);
        assertThat(names(layer1)).contains(DebianImage.REMOVED_PACKAGE, "dpkg", "base-files")
                .doesNotContain(DebianImage.ADDED_PACKAGE);
        Set<String> expected = new TreeSet<>(names(layer1));
        expected.remove(DebianImage.REMOVED_PACKAGE);
        expected.add(DebianImage.ADDED_PACKAGE);
        assertThat(names(last)).containsExactlyElementsOf(expected);
        assertThat(last).filteredOn(entry -> entry.name().equals("libc6"))
                .singleElement().extracting(DpkgEntry::sourceName).isEqualTo("glibc");
        assertThat(Files.exists(image.layer1Rootfs().resolve(DebianImage.DELETED_FILE))).isTrue();
        assertThat(Files.exists(image.finalRootfs().resolve(DebianImage.DELETED_FILE))).isFalse();
    }

    @Test
    void dockerArchiveHoldsTheSameLayersUncompressed() throws IOException {
        List<String> diffIds = diffIds(image.ociLayout(), manifestsByTag(image.ociLayout()).get(DebianImage.TAG));
        Map<String, String> digestsByName = new HashMap<>();
        byte[] manifestJson = new byte[0];
        try (var tar = new TarArchiveInputStream(Files.newInputStream(image.dockerArchive()))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals("manifest.json")) {
                    manifestJson = tar.readAllBytes();
                } else if (entry.isFile()) {
                    digestsByName.put(entry.getName(), sha256(tar));
                }
            }
        }
        JsonNode manifest = Json.lenient().readTree(manifestJson);

        assertThat(manifest).hasSize(1);
        assertThat(manifest.get(0).get("RepoTags").get(0).asText()).isEqualTo("docker.io/library/" + DebianImage.TAG);
        List<String> layerDigests = new ArrayList<>();
        manifest.get(0).get("Layers").forEach(layer -> layerDigests.add(digestsByName.get(layer.asText())));
        assertThat(layerDigests).isEqualTo(diffIds);
    }

    @Test
    void gzipDockerArchiveDecompressesToTheDockerArchive() throws IOException {
        try (InputStream gz = new GZIPInputStream(Files.newInputStream(image.dockerArchiveGz()));
             InputStream plain = Files.newInputStream(image.dockerArchive())) {
            assertThat(sha256(gz)).isEqualTo(sha256(plain));
        }
    }

    @Test
    void ociArchiveHoldsEveryFileOfTheLayout() throws IOException {
        Map<String, String> inArchive = new TreeMap<>();
        try (var tar = new TarArchiveInputStream(Files.newInputStream(image.ociArchive()))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    inArchive.put(entry.getName(), sha256(tar));
                }
            }
        }
        Map<String, String> inLayout = new TreeMap<>();
        try (Stream<Path> files = Files.walk(image.ociLayout())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    inLayout.put(image.ociLayout().relativize(file).toString(), sha256(in));
                }
            }
        }

        assertThat(inArchive).containsKeys("oci-layout", "index.json").isEqualTo(inLayout);
    }

    @Test
    void zstdLayoutHoldsTheSameLayersCompressedWithZstd() throws IOException {
        assumeTrue(image.zstdOciLayout().isPresent(), "the installed skopeo cannot write zstd layers");
        Path layout = image.zstdOciLayout().orElseThrow();
        JsonNode manifest = manifestsByTag(layout).get(DebianImage.TAG);
        List<String> diffIds = diffIds(image.ociLayout(), manifestsByTag(image.ociLayout()).get(DebianImage.TAG));

        assertThat(manifestsByTag(layout)).containsOnlyKeys(DebianImage.TAG);
        assertThat(diffIds(layout, manifest)).isEqualTo(diffIds);
        List<String> decompressed = new ArrayList<>();
        for (JsonNode layer : manifest.get("layers")) {
            assertThat(layer.get("mediaType").asText()).isEqualTo(ZSTD_LAYER);
            Path blob = blob(layout, layer.get("digest").asText());
            try (InputStream in = Files.newInputStream(blob)) {
                assertThat(HexFormat.of().formatHex(in.readNBytes(4))).isEqualTo("28b52ffd");
            }
            try (InputStream in = new ZstdInputStream(Files.newInputStream(blob))) {
                decompressed.add(sha256(in));
            }
        }
        assertThat(decompressed).isEqualTo(diffIds);
    }

    @Test
    void secondCallReusesTheCachedBuild() throws IOException {
        DebianImage again = DebianImageFixture.get();

        assertThat(again).isEqualTo(image);
        assertThat(image.directory().getFileName().toString()).matches("debian-bookworm-2layers-[0-9a-f]{16}");
        assertThat(image.directory().resolve("recipe.txt")).isRegularFile();
        try (Stream<Path> siblings = Files.list(image.directory().getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(".build-" + image.directory().getFileName()));
        }
    }

    private static List<DpkgEntry> queryDpkg(Path rootfs) throws IOException {
        String output = DebianImageFixture.dpkgQuery(rootfs).run(rootfs).stdout();
        return DpkgEntry.parseQuery(output, "dpkg-query on " + rootfs);
    }

    private static List<String> names(List<DpkgEntry> entries) {
        return entries.stream().map(DpkgEntry::name).collect(Collectors.toList());
    }

    private static Map<String, JsonNode> manifestsByTag(Path layout) throws IOException {
        Map<String, JsonNode> manifests = new LinkedHashMap<>();
        for (JsonNode entry : Json.lenient().readTree(layout.resolve("index.json").toFile()).get("manifests")) {
            String tag = entry.path("annotations").path("org.opencontainers.image.ref.name").asText();
            manifests.put(tag, Json.lenient().readTree(blob(layout, entry.get("digest").asText()).toFile()));
        }
        return manifests;
    }

    private static List<String> diffIds(Path layout, JsonNode manifest) throws IOException {
        JsonNode config = Json.lenient().readTree(blob(layout, manifest.get("config").get("digest").asText()).toFile());
        List<String> diffIds = new ArrayList<>();
        config.get("rootfs").get("diff_ids").forEach(id -> diffIds.add(id.asText()));
        return diffIds;
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha));
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
