package dev.bulwark.scanner.index.lang.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.scanner.index.FileStream;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.testing.Command;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ELF executables (this machine's {@code /bin/true}) given a {@code .dep-v0} section by binutils' objcopy, the
 * way cargo-auditable's linker step adds it. cargo-auditable itself cannot be installed here (crates.io is not
 * reachable), so the section content is written in its published format.
 */
class CargoAuditableAnalyzerTest {

    private static final String DEPENDENCIES = """
            {"packages":[
              {"name":"app","version":"0.1.0","source":"local","dependencies":[1,2],"root":true},
              {"name":"smallvec","version":"1.6.0","source":"crates.io"},
              {"name":"time","version":"0.1.43","source":"crates.io","dependencies":[3]},
              {"name":"libc","version":"0.2.80","source":"crates.io"},
              {"name":"cc","version":"1.0.66","source":"crates.io","kind":"build"}]}
            """;

    private static Path withSection(Path dir, byte[] content) throws IOException {
        assumeTrue(Command.executable("objcopy").isPresent(), "binutils' objcopy is not installed: test skipped");
        Path data = Files.write(dir.resolve("dep-v0.bin"), content);
        Path out = dir.resolve("app");
        Command.of("objcopy", "--add-section", ".dep-v0=" + data, "--set-section-flags", ".dep-v0=noload,readonly",
                "/bin/true", out.toString()).run(dir);
        return out;
    }

    private static byte[] zlib(String text) {
        Deflater deflater = new Deflater();
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        byte[] buffer = new byte[1 << 16];
        int n = deflater.deflate(buffer);
        deflater.end();
        return java.util.Arrays.copyOf(buffer, n);
    }

    private static Inventory analyze(Path binary) throws IOException {
        try (InputStream in = Files.newInputStream(binary)) {
            return new CargoAuditableAnalyzer().analyze(new FileStream("usr/bin/app", "", 0755, Files.size(binary), in));
        }
    }

    @Test
    void runtimeCratesWithEdges(@TempDir Path dir) throws IOException {
        Inventory found = analyze(withSection(dir, zlib(DEPENDENCIES)));
        assertThat(found.packages()).extracting(p -> p.name() + "@" + p.version())
                .containsExactly("app@0.1.0", "smallvec@1.6.0", "time@0.1.43", "libc@0.2.80");
        InstalledPackage app = found.packages().getFirst();
        assertThat(app.dependsOn()).containsExactly("pkg:cargo/smallvec@1.6.0", "pkg:cargo/time@0.1.43");
        assertThat(app.location()).isEqualTo("usr/bin/app");
    }

    @Test
    void plainBinariesAndCorruptSectionsAreHarmless(@TempDir Path dir) throws IOException {
        assertThat(analyze(Path.of("/bin/true")).packages()).isEmpty();
        assertThat(analyze(withSection(dir, "not zlib at all".getBytes(StandardCharsets.UTF_8))).warnings())
                .singleElement().satisfies(w -> assertThat(w.reason()).contains("corrupt"));

        byte[] elf = Files.readAllBytes(Path.of("/bin/true"));
        elf[0x28] = (byte) 0xff;
        elf[0x2f] = 0x7f;
        Inventory broken = new CargoAuditableAnalyzer().analyze(new FileStream("bin/x", "", 0755, elf.length,
                new ByteArrayInputStream(elf)));
        assertThat(broken.warnings()).singleElement().satisfies(w -> assertThat(w.reason()).contains("outside"));
    }
}
