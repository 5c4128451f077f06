package dev.bulwark.scanner.index.lang.java;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.scanner.index.FileAnalyzer;
import dev.bulwark.scanner.index.FileStream;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.index.lang.LimitedRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Java archives (jar, war, ear, par, and Jenkins' hpi and jpi), read as a stream of local entries, so a broken
 * central directory does not matter. Archives inside archives are read in place up to {@link #MAX_DEPTH} levels;
 * a per-file budget of uncompressed bytes and entries stops zip bombs. Each archive is reported as
 * {@code groupId:artifactId}; see {@link ArchiveMetadata} for how it is identified.
 */
public final class JarAnalyzer implements FileAnalyzer {

    static final int MAX_DEPTH = 4;
    static final long MAX_INFLATED_BYTES = 1L << 30;
    static final int MAX_ENTRIES = 200_000;
    private static final int MAX_METADATA_BYTES = 1 << 20;
    private static final String IN_ARCHIVE = "!/";

    @Override
    public String name() {
        return "jar";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean wants(String path, int mode, long size) {
        return isArchive(path);
    }

    @Override
    public long maxFileSize() {
        return 2L << 30;
    }

    private static boolean isArchive(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith(".jar") || p.endsWith(".war") || p.endsWith(".ear") || p.endsWith(".par")
                || p.endsWith(".hpi") || p.endsWith(".jpi");
    }

    @Override
    public Inventory analyze(FileStream file) {
        Walk walk = new Walk(file.path(), file.layer());
        try {
            walk.archive(file.body(), file.path(), 0);
        } catch (IOException | IllegalArgumentException e) {
            walk.warnings.add(new ScanWarning(file.path(), file.layer(),
                    "jar could not be read to the end: " + e.getMessage()));
        }
        return Inventory.of(walk.packages, walk.warnings);
    }

    /** One top-level file: its budget and what was found in it and its nested archives. */
    private static final class Walk {
        private final String path;
        private final String layer;
        private final List<InstalledPackage> packages = new ArrayList<>();
        private final List<ScanWarning> warnings = new ArrayList<>();
        private long inflated;
        private int entries;

        Walk(String path, String layer) {
            this.path = path;
            this.layer = layer;
        }

        void archive(InputStream in, String location, int depth) throws IOException {
            ArchiveMetadata metadata = new ArchiveMetadata();
            ZipArchiveInputStream zip = new ZipArchiveInputStream(in, "UTF-8", true, true);
            ZipArchiveEntry entry;
            try {
                while ((entry = zip.getNextEntry()) != null) {
                    if (++entries > MAX_ENTRIES) {
                        throw new IOException("more than %d entries; stopped".formatted(MAX_ENTRIES));
                    }
                    InputStream body = new Counted(zip);
                    entry(body, entry, metadata, location, depth);
                    if (entry.getCompressedSize() < 0 || entry.getGeneralPurposeBit().usesDataDescriptor()) {
                        // Its end is only found by inflating it: do that here, within the budget.
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                }
            } finally {
                String fileName = location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf('!')) + 1);
                for (MavenCoordinates c : metadata.identify(fileName)) {
                    packages.add(InstalledPackage.language(PackageType.MAVEN, c.name(), c.version(), location));
                }
            }
        }

        private void entry(InputStream zip, ZipArchiveEntry entry, ArchiveMetadata metadata,
                String location, int depth) throws IOException {
            String name = entry.getName();
            if (entry.isDirectory()) {
                return;
            }
            try {
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    metadata.addPomProperties(LimitedRead.all(zip, MAX_METADATA_BYTES, name));
                } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    metadata.setManifest(LimitedRead.all(zip, MAX_METADATA_BYTES, name));
                } else if (isArchive(name)) {
                    nested(zip, location + IN_ARCHIVE + name, depth);
                }
            } catch (IllegalArgumentException e) {
                warnings.add(new ScanWarning(location + IN_ARCHIVE + name, layer, "malformed: " + e.getMessage()));
            }
        }

        private void nested(InputStream in, String location, int depth) throws IOException {
            if (depth + 1 >= MAX_DEPTH) {
                warnings.add(new ScanWarning(location, layer,
                        "archive nested more than %d deep; not read".formatted(MAX_DEPTH)));
                return;
            }
            try {
                archive(new KeepOpen(in), location, depth + 1);
            } catch (BudgetExceeded e) {
                throw e;
            } catch (IOException e) {
                warnings.add(new ScanWarning(location, layer, "nested archive could not be read: " + e.getMessage()));
            }
        }

        /**
         * Counts what is inflated out of the top-level file, at every nesting level: a zip bomb spends the budget
         * instead of the scan's time.
         */
        private final class Counted extends FilterInputStream {
            Counted(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                count(skipped);
                return skipped;
            }

            private void count(long n) throws BudgetExceeded {
                inflated += n;
                if (inflated > MAX_INFLATED_BYTES) {
                    throw new BudgetExceeded("inflated more than %d bytes (a zip bomb?); stopped"
                            .formatted(MAX_INFLATED_BYTES));
                }
            }
        }
    }

    private static final class BudgetExceeded extends IOException {
        BudgetExceeded(String message) {
            super(message);
        }
    }

    /** A nested entry must not close the archive it is read from. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
