package dev.bulwark.scanner.testing;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.Vulnerability;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.scanner.match.VulnerabilityMatcher;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.BundleWriter;
import dev.bulwark.vulndb.feed.FeedKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** An unsigned database built from OSV feeds of ../shared for a test class; skips when the feeds are absent. */
public final class AdvisoryDatabase implements AutoCloseable {

    private final Bundle bundle;

    private AdvisoryDatabase(Bundle bundle) {
        this.bundle = bundle;
    }

    /** @param feeds folders under shared/feeds holding OSV records ({@code ghsa-sample}, {@code osv-go}) */
    public static AdvisoryDatabase osv(Path dir, String... feeds) {
        try {
            BundleWriter writer = new BundleWriter();
            for (String feed : feeds) {
                writer.add(new BundleWriter.Source(FeedKind.OSV, SharedData.path("feeds/" + feed)));
            }
            writer.write(dir.resolve("db"), Optional.empty(), Instant.now());
            return new AdvisoryDatabase(Bundle.open(dir.resolve("db"), new Bundle.Trust.Unverified()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Vulnerability> match(ImageInventory inventory) {
        return new VulnerabilityMatcher(bundle).match(inventory);
    }

    /** The advisory ids found per package, as {@code name@version id} lines. */
    public Set<String> findings(ImageInventory inventory) {
        Set<String> lines = new TreeSet<>();
        match(inventory).forEach(v -> lines.add(v.packageName() + "@" + v.installedVersion() + " " + v.id()));
        return lines;
    }

    @Override
    public void close() {
        bundle.close();
    }
}
