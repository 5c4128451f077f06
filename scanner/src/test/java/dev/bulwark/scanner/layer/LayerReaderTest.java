package dev.bulwark.scanner.layer;

import dev.bulwark.scanner.budget.Deadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.bulwark.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class LayerReaderTest {

    private static final Predicate<String> WANT_ETC = p -> p.startsWith("etc/") || p.startsWith("var/");

    private final FileTree tree = new FileTree(WANT_ETC, Long.MAX_VALUE);
    private final LayerReader reader = new LayerReader(p -> WANT_ETC.test(p) ? 1024 : -1, FileVisitor.NONE, 1000, Deadline.none());

    private void apply(byte[] layer, int index) {
        reader.apply(new ByteArrayInputStream(layer), "", "", index, tree);
    }

    private String text(String path) {
        return tree.file(path).map(f -> new String(f.body(), StandardCharsets.UTF_8)).orElse("<absent>");
    }

    @Test
    void whiteoutHidesLowerFileAndItsChildren() {
        apply(new TarBuilder().file("etc/a", "1").file("etc/d/x", "2").file("etc/d/y", "3").tar(), 0);
        apply(new TarBuilder().file("etc/.wh.a", "").file("etc/.wh.d", "").tar(), 1);
        assertThat(text("etc/a")).isEqualTo("<absent>");
        assertThat(text("etc/d/x")).isEqualTo("<absent>");
        assertThat(tree.drainChangedWanted()).contains("etc/a", "etc/d/x", "etc/d/y");
    }

    @Test
    void whiteoutDoesNotHideTheSameLayersFile() {
        apply(new TarBuilder().file("etc/a", "new").file("etc/.wh.a", "").tar(), 0);
        assertThat(text("etc/a")).isEqualTo("new");
    }

    @Test
    void opaqueDirectoryHidesOnlyLowerLayers() {
        apply(new TarBuilder().file("etc/d/old", "1").file("etc/keep", "k").tar(), 0);
        apply(new TarBuilder().file("etc/d/new", "2").file("etc/d/.wh..wh..opq", "").tar(), 1);
        assertThat(text("etc/d/old")).isEqualTo("<absent>");
        assertThat(text("etc/d/new")).isEqualTo("2");
        assertThat(text("etc/keep")).isEqualTo("k");
    }

    @Test
    void fileReplacingDirectoryHidesItsChildren() {
        apply(new TarBuilder().dir("etc/d").file("etc/d/x", "1").tar(), 0);
        apply(new TarBuilder().file("etc/d", "now a file").tar(), 1);
        assertThat(text("etc/d/x")).isEqualTo("<absent>");
        assertThat(text("etc/d")).isEqualTo("now a file");
    }

    @Test
    void hardLinkSharesTheBody() {
        apply(new TarBuilder().file("etc/a", "body").hardlink("etc/b", "etc/a").tar(), 0);
        assertThat(text("etc/b")).isEqualTo("body");
    }

    @Test
    void symlinksResolveInsideTheRoot() {
        apply(new TarBuilder().file("usr/lib/os-release", "x").symlink("etc/os-release", "../usr/lib/os-release")
                .symlink("etc/abs", "/etc/os-release").symlink("etc/up", "../../../../etc/os-release").tar(), 0);
        assertThat(tree.resolve("etc/os-release")).hasValue("usr/lib/os-release");
        assertThat(tree.resolve("etc/abs")).hasValue("usr/lib/os-release");
        assertThat(tree.resolve("etc/up")).hasValue("usr/lib/os-release");
    }

    @Test
    void symlinkLoopResolvesToNothing() {
        apply(new TarBuilder().symlink("etc/a", "b").symlink("etc/b", "a").symlink("etc/self", "self").tar(), 0);
        assertThat(tree.resolve("etc/a")).isEmpty();
        assertThat(tree.file("etc/self")).isEmpty();
    }

    @Test
    void symlinkedDirectoryIsFollowedForLaterComponents() {
        apply(new TarBuilder().file("real/etc/x", "via dir").symlink("etc", "/real/etc").tar(), 0);
        assertThat(tree.resolve("etc/x")).hasValue("real/etc/x");
    }

    @Test
    void absolutePathsAreTakenFromTheRootWithAWarning() {
        apply(new TarBuilder().file("/etc/abs", "a").tar(), 0);
        assertThat(text("etc/abs")).isEqualTo("a");
        assertThat(tree.warnings()).singleElement().asString().contains("absolute paths");
    }

    @Test
    void rejectsEntryOutsideRoot() {
        byte[] evil = new TarBuilder().file("../../etc/cron.d/evil", "x").tar();
        assertThatThrownBy(() -> apply(evil, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("layer #0: entry '../../etc/cron.d/evil' escapes the image root");
    }

    @Test
    void rejectsHardLinkOutsideRoot() {
        byte[] evil = new TarBuilder().hardlink("etc/shadow-copy", "../../etc/shadow").tar();
        assertThatThrownBy(() -> apply(evil, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("layer #0: hard link 'etc/shadow-copy' points outside the image root");
    }

    @Test
    void readsGzipAndZstdLayersAndChecksDigests() {
        byte[] tar = new TarBuilder().file("etc/a", "gz").tar();
        byte[] gz = TarBuilder.gzip(tar);
        reader.apply(new ByteArrayInputStream(gz), sha256(gz), sha256(tar), 0, tree);
        assertThat(text("etc/a")).isEqualTo("gz");
        byte[] tar2 = new TarBuilder().file("etc/b", "zstd").tar();
        byte[] zst = Zstd.compress(tar2);
        reader.apply(new ByteArrayInputStream(zst), sha256(zst), sha256(tar2), 1, tree);
        assertThat(text("etc/b")).isEqualTo("zstd");
    }

    @Test
    void rejectsDigestMismatch() {
        byte[] tar = new TarBuilder().file("etc/a", "x").tar();
        String wrong = "sha256:" + "0".repeat(64);
        assertThatThrownBy(() -> reader.apply(new ByteArrayInputStream(tar), "", wrong, 0, tree))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("layer " + wrong + ": diff id mismatch (manifest says " + wrong
                        + ", content is sha256:");
    }

    @Test
    void rejectsTruncatedGzip() {
        byte[] gz = TarBuilder.gzip(new TarBuilder().file("etc/a", "x".repeat(5000)).tar());
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertThatThrownBy(() -> apply(cut, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("layer #0 is truncated");
    }

    @Test
    void rejectsBytesThatAreNotATar() {
        byte[] junk = "this is not a tar archive at all, just some text that goes on".repeat(20)
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> apply(junk, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("layer #0 cannot be read:");
    }

    @Test
    void oversizedWantedFileIsSkippedWithAWarning() {
        apply(new TarBuilder().file("etc/big", "x".repeat(2000)).tar(), 0);
        assertThat(tree.file("etc/big")).isEmpty();
        assertThat(tree.warnings()).singleElement().asString()
                .isEqualTo("etc/big: file is 2000 bytes, over the 1024-byte limit for its analyzer; not read (layer #0)");
    }

    @Test
    void unwantedBodiesAreNotKept() {
        apply(new TarBuilder().file("usr/bin/tool", "binary").tar(), 0);
        assertThat(tree.file("usr/bin/tool")).isEmpty();
        assertThat(tree.size()).isEqualTo(1);
    }

    static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
