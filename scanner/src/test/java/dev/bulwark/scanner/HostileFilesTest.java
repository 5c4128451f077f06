package dev.bulwark.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.scanner.source.RootDirectory;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files built to hurt: 2 GB bodies and binaries named like lock files, scanned with every analyzer. */
class HostileFilesTest {

    @Test
    void twoGigabyteFilesAndBinaryLockFilesAreWarningsNotFailures(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("data"));
        for (String name : new String[] {"data/huge.jar", "data/huge.log", "data/package-lock.json"}) {
            try (RandomAccessFile f = new RandomAccessFile(root.resolve(name).toFile(), "rw")) {
                f.setLength(2L << 30);
            }
        }
        byte[] noise = new byte[64 << 10];
        new Random(5).nextBytes(noise);
        Files.createDirectories(root.resolve("app"));
        for (String lock : new String[] {"app/yarn.lock", "app/poetry.lock", "app/Cargo.lock", "app/composer.lock",
                "app/Gemfile.lock", "app/packages.lock.json", "app/pnpm-lock.yaml", "app/Pipfile.lock"}) {
            Files.write(root.resolve(lock), noise);
        }
        ImageInventory inventory = Analyzers.scanner().scan(new RootDirectory("dir:" + root, root), ScanProgress.NONE);

        assertThat(inventory.packages()).isEmpty();
        assertThat(inventory.warnings()).extracting(ScanWarning::path).contains("data/huge.log",
                "data/package-lock.json", "app/yarn.lock", "app/poetry.lock", "app/Cargo.lock", "app/composer.lock",
                "app/packages.lock.json", "app/pnpm-lock.yaml", "app/Pipfile.lock");
        assertThat(inventory.warnings()).filteredOn(w -> w.path().equals("data/huge.log")).singleElement()
                .satisfies(w -> assertThat(w.reason()).contains("over the", "secret"));
    }
}
