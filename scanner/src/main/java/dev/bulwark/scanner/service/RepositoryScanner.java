package dev.bulwark.scanner.service;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.LayerInfo;
import dev.bulwark.core.scan.ScanReport;
import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.core.scan.Vulnerability;
import dev.bulwark.scanner.ImageScanner;
import dev.bulwark.scanner.LayerCache;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.match.VulnerabilityMatcher;
import dev.bulwark.scanner.report.NeuVectorReport;
import dev.bulwark.scanner.source.Image;
import dev.bulwark.scanner.source.ImageSources;
import dev.bulwark.vulndb.bundle.Bundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs NeuVector's CI scan of one repository: {@link #scan} pulls the image from its registry and builds the
 * inventory (the long part, which needs no database); {@link #report} matches it against the vulnerability
 * database, when there is one, and gives NeuVector's report. A worker holding a {@code LiveBundle} calls
 * {@code report} inside {@code read}, so that a database swap waits for matching only. Thread-safe.
 */
public final class RepositoryScanner {

    static final String NO_DATABASE = "no vulnerability database: vulnerabilities were not checked";

    private final ImageScanner scanner;

    public RepositoryScanner(ImageScanner scanner) {
        this.scanner = scanner;
    }

    /** The layer cache its scans share. */
    public LayerCache cache() {
        return scanner.cache();
    }

    /**
     * Pulls and scans the image, logging in with the request's credentials only.
     *
     * @throws dev.bulwark.core.error.InvalidInputException when the image cannot be pulled or read, saying why in
     *     one line
     */
    public ScannedImage scan(RepositoryScanRequest request) {
        try (Image image = ImageSources.openRegistry(request.imageReference(), request.sourceOptions())) {
            return ScannedImage.of(request, image, scanner.scan(image, ScanProgress.NONE), BaseImage.read(request));
        }
    }

    /** NeuVector's report of a scanned image; without a database, the inventory and a warning saying so. */
    public RepositoryScanReport report(ScannedImage image, Optional<Bundle> database) {
        ScanReport report = database.map(bundle -> matched(image.inventory(), bundle))
                .orElseGet(() -> ScanReport.inventoryOnly(image.inventory()));
        ImageInventory inventory = report.inventory();
        RepositoryScanRequest request = image.request();
        List<String> warnings = new ArrayList<>(inventory.warnings().stream().map(ScanWarning::toString).toList());
        if (!report.matched()) {
            warnings.add(NO_DATABASE);
        }
        image.base().warning().ifPresent(warnings::add);
        String built = report.matched() ? report.database().built() : "";
        return new RepositoryScanReport(image.imageId(), request.registry(), request.repository(), request.tag(),
                inventory.digest(), image.size(), image.author(),
                baseOs(inventory),
                image.createdAt(), built, built, request.scanLayers() ? layers(report, image.base()) : List.of(),
                NeuVectorReport.of(report, image.base().diffIds()), warnings);
    }

    /** Scans files collected from a running container or host (a gzip'd tar of paths under its root). */
    public FilesScanReport scanFiles(java.nio.file.Path tar, String reference, Optional<Bundle> database) {
        ImageInventory inventory;
        try (Image image = dev.bulwark.scanner.source.CollectedFiles.open(reference, tar)) {
            inventory = scanner.scan(image, ScanProgress.NONE);
        }
        ScanReport report = database.map(bundle -> matched(inventory, bundle))
                .orElseGet(() -> ScanReport.inventoryOnly(inventory));
        List<String> warnings = new ArrayList<>(report.inventory().warnings().stream().map(ScanWarning::toString)
                .toList());
        if (!report.matched()) {
            warnings.add(NO_DATABASE);
        }
        NeuVectorReport nv = NeuVectorReport.of(report);
        String built = report.matched() ? report.database().built() : "";
        return new FilesScanReport(baseOs(report.inventory()), built, built, new NeuVectorReport(nv.vulnerabilities(),
                nv.modules(), List.of(), nv.secrets(), nv.setidPerms(), List.of(), java.util.Map.of(), List.of()),
                warnings);
    }

    private static String baseOs(ImageInventory inventory) {
        return inventory.os().isKnown() ? inventory.os().family() + ":" + inventory.os().version() : "";
    }

    private static ScanReport matched(ImageInventory inventory, Bundle bundle) {
        VulnerabilityMatcher.Matches matches = new VulnerabilityMatcher(bundle).find(inventory);
        return new ScanReport(inventory.withMoreWarnings(matches.warnings()),
                new ScanReport.DatabaseInfo(bundle.header().built(), bundle.header().schema()), matches.findings());
    }

    private static List<RepositoryScanReport.Layer> layers(ScanReport report, BaseImage base) {
        List<Vulnerability> found = report.matched() ? report.vulnerabilities() : List.of();
        List<RepositoryScanReport.Layer> layers = new ArrayList<>();
        for (LayerInfo layer : report.inventory().layers()) {
            // a docker archive keeps layers uncompressed, by diff id alone
            layers.add(new RepositoryScanReport.Layer(layer.digest().isEmpty() ? layer.diffId() : layer.digest(),
                    layer.createdBy(),
                    found.stream().filter(v -> v.layer().equals(layer.diffId()))
                            .map(v -> NeuVectorReport.vuln(v, base.diffIds().contains(v.layer()))).toList(),
                    Math.max(0, layer.size())));
        }
        return layers;
    }
}
