package dev.bulwark.scanner.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.match.VulnerabilityMatcher;
import dev.bulwark.scanner.source.ImageSource;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.scanner.source.SourceOptions;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.BundleWriter;
import dev.bulwark.vulndb.feed.FeedKind;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every report format of the alpine:3.11 fixture image, matched against Alpine's secdb, compared with the files in
 * {@code src/test/resources/golden}. Times and generated ids are masked. After a deliberate change to a format,
 * rewrite the files with {@code -Dbulwark.updateGolden=true} and review the diff like code.
 */
class GoldenReportsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("bulwark.updateGolden");

    @TempDir
    static Path dir;

    private static final String IMAGE = SharedData.path("fixtures/images/alpine-3.11.tar.gz").toString();

    private static ScanReport report;

    @BeforeAll
    static void scan() throws IOException {
        ImageInventory inventory;
        try (ImageSource image = ImageSources.open(IMAGE, SourceOptions.defaults())) {
            inventory = Analyzers.scanner().scan(image, ScanProgress.NONE);
        }
        BundleWriter writer = new BundleWriter();
        writer.add(new BundleWriter.Source(FeedKind.ALPINE_SECDB, SharedData.path("feeds/alpine-secdb/v3.11")));
        writer.write(dir.resolve("db"), Optional.empty(), Instant.now());
        try (Bundle bundle = Bundle.open(dir.resolve("db"), new Bundle.Trust.Unverified())) {
            report = new ScanReport(inventory, new ScanReport.DatabaseInfo("2020-06-08T00:00:00Z", 1),
                    new VulnerabilityMatcher(bundle).match(inventory));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReportFormat.class)
    void reportMatchesItsGoldenFile(ReportFormat format) throws IOException {
        StringWriter out = new StringWriter();
        format.write(report, false, out);
        String actual = masked(out.toString());
        Path golden = GOLDEN.resolve("alpine-3.11." + format.name().toLowerCase(Locale.ROOT));
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(golden));
    }

    /**
     * What changes from run to run or machine to machine: timestamps, random document ids, where ../shared is.
     * The tool's version needs no mask: run from classes, not a jar, it is always {@code dev}.
     */
    private static String masked(String report) {
        return report.replace(IMAGE, "<image>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z", "<time>")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>");
    }
}
