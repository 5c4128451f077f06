package dev.bulwark.enforcer.scan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WantedPaths} against the scanner's own pins: each sample path of the scanner's {@code analyzer-paths.txt}
 * (path, octal mode, size, the analyzers that want it) is put alone in a root, and must come out in the tar exactly
 * when an OS or language analyzer wants it, the secret analyzer not counting. The enforcer does not depend on the
 * scanner, so this reads the file from the scanner module's sources beside this one, and skips without them.
 * Sizes are cut to 4 KiB (still over the 1 KiB below which a program is not wanted) and programs get an ELF header.
 */
class RootFilesAnalyzerPathsTest {

    /** Relative to this module's directory, where Maven runs the tests. */
    private static final Path ANALYZER_PATHS =
            Path.of("../scanner/src/test/resources/dev/bulwark/scanner/analyzer-paths.txt");
    private static final Set<String> NOT_PACKAGES = Set.of("secret", "-");

    @TempDir
    Path dir;

    private record Sample(String path, int mode, long size, List<String> analyzers) {

        static Sample parse(String line) {
            String[] f = line.split(" ");
            return new Sample(f[0], Integer.parseInt(f[1], 8), Long.parseLong(f[2]), Arrays.asList(f[3].split(",")));
        }

        boolean wanted() {
            return analyzers.stream().anyMatch(a -> !NOT_PACKAGES.contains(a));
        }
    }

    @TestFactory
    Stream<DynamicTest> everySamplePathAPackageAnalyzerWantsIsCollectedAndNoOther() throws IOException {
        assumeTrue(Files.isRegularFile(ANALYZER_PATHS), "the scanner's " + ANALYZER_PATHS
                + " is not beside this module: nothing to check against");
        List<Sample> samples = Files.readAllLines(ANALYZER_PATHS, UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(Sample::parse).toList();
        assertThat(samples).as("sample paths wanted by package analyzers").filteredOn(Sample::wanted)
                .hasSizeGreaterThan(20);
        return samples.stream().map(s -> DynamicTest.dynamicTest(
                s.path() + " " + (s.wanted() ? "collected" : "left out") + " (" + String.join(",", s.analyzers())
                        + ")", () -> check(s)));
    }

    private void check(Sample sample) throws IOException {
        Path root = Files.createTempDirectory(dir, "root");
        Path file = root.resolve(sample.path());
        Files.createDirectories(file.getParent());
        int size = (int) Math.min(sample.size(), 4096);
        Files.write(file, (sample.mode() & 0111) != 0 ? RootFilesTest.elf(size) : new byte[size]);
        Files.setPosixFilePermissions(file, permissions(sample.mode()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CollectedFiles result = RootFiles.at(root).withSpoolDirectory(dir).writeTo(out);

        assertThat(TarContents.read(out.toByteArray()).names())
                .isEqualTo(sample.wanted() ? List.of(sample.path()) : List.of());
        assertThat(result.skipped()).isEmpty();
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ first, as mode bit 8
        for (int i = 0; i < 9; i++) {
            if ((mode & 1 << (8 - i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
