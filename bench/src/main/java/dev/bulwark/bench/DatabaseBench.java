package dev.bulwark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.match.VulnerabilityMatcher;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.BundleKeys;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Figures for a built database: time to open it (signature checked), heap it holds once open, lookups per second
 * and matching throughput for a 1,000-package inventory of real AlmaLinux 9 package names.
 *
 * <p>Usage: {@code DatabaseBench DB PUBLIC_KEY}
 */
public final class DatabaseBench {

    private static final int OPENS = 30;
    private static final int PACKAGES = 1000;

    private DatabaseBench() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Bundle.Trust trust = new Bundle.Trust.Keys(List.of(BundleKeys.readPublic(Path.of(args[1]))));
        double[] opens = new double[OPENS];
        for (int i = 0; i < OPENS; i++) {
            long start = System.nanoTime();
            try (Bundle b = Bundle.open(db, trust)) {
                b.header();
            }
            opens[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(opens);
        System.out.printf("db open (signature checked): median %.1f ms, best %.1f ms over %d opens%n",
                opens[OPENS / 2], opens[0], OPENS);

        long heapBefore = usedHeap();
        try (Bundle bundle = Bundle.open(db, trust)) {
            System.out.printf("heap held by an open database: %.2f MB (file %.1f MB, memory-mapped)%n",
                    (usedHeap() - heapBefore) / 1e6, bundle.sizeBytes() / 1e6);
            List<InstalledPackage> inventory = inventory();
            VulnerabilityMatcher matcher = new VulnerabilityMatcher(bundle);
            OsInfo alma = new OsInfo("almalinux", "9.4", "", "", false);
            for (int i = 0; i < 20; i++) {
                matcher.match(inventory, alma);
            }
            long lookups = 0;
            long start = System.nanoTime();
            while (System.nanoTime() - start < 3_000_000_000L) {
                for (InstalledPackage p : inventory) {
                    lookups += bundle.forPackage("almalinux:9", p.name()).size() >= 0 ? 1 : 0;
                }
            }
            System.out.printf("lookups (namespace, package), 1,000-package inventory: %.2f M/s on one thread%n",
                    lookups / ((System.nanoTime() - start) / 1e9) / 1e6);
            int rounds = 0;
            int findings = 0;
            start = System.nanoTime();
            while (System.nanoTime() - start < 3_000_000_000L) {
                findings = matcher.match(inventory, alma).size();
                rounds++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("full match (lookup, version ranges, findings) of 1,000 packages: %.1f ms per"
                    + " inventory, %.0f k packages/s, %d findings%n", seconds * 1000 / rounds,
                    rounds * (double) PACKAGES / seconds / 1e3, findings);
        }
    }

    /** The first 1,000 AlmaLinux 9 package names the database knows, at an old version so that ranges apply. */
    private static List<InstalledPackage> inventory() throws Exception {
        List<InstalledPackage> packages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("bulwark.feeds", "../shared/feeds"))
                .resolve("osv-almalinux/almalinux9"))) {
            ObjectMapper mapper = Json.lenient();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode a : mapper.readTree(f.toFile()).path("affected")) {
                    String name = a.path("package").path("name").asText();
                    if (packages.size() < PACKAGES && packages.stream().noneMatch(p -> p.name().equals(name))) {
                        packages.add(new InstalledPackage(PackageType.RPM, name, "1.0-1.el9", "x86_64", "", "", "",
                                "", "", List.of()));
                    }
                }
                if (packages.size() == PACKAGES) {
                    break;
                }
            }
        }
        return packages;
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
