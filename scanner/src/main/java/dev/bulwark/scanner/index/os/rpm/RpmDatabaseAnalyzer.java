package dev.bulwark.scanner.index.os.rpm;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.scanner.index.AnalysisException;
import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.AnalyzerInput;
import dev.bulwark.scanner.index.FileContent;
import dev.bulwark.scanner.index.Inventory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * rpm packages from the database rpm itself would open: the first of {@code var/lib/rpm} and
 * {@code usr/lib/sysimage/rpm} that holds one (newer distributions link the former to the latter), and in it the
 * newest backend present, SQLite, then NDB, then Berkeley DB, since a converted database may leave the old file
 * behind. Versions are {@code [epoch:]version-release}, the epoch shown when the header sets a non-zero one.
 * The source package comes from the {@code SOURCERPM} file name and carries the binary's epoch, as rpm builds
 * both from one spec. Pseudo-packages such as {@code gpg-pubkey} are listed, as {@code rpm -qa} lists them.
 */
public final class RpmDatabaseAnalyzer implements Analyzer {

    private static final List<String> DIRECTORIES = List.of("var/lib/rpm/", "usr/lib/sysimage/rpm/");
    private static final String SQLITE = "rpmdb.sqlite";
    private static final String SQLITE_WAL = "rpmdb.sqlite-wal";
    private static final String NDB = "Packages.db";
    private static final String BDB = "Packages";
    private static final Set<String> FILES = Set.of(SQLITE, SQLITE_WAL, NDB, BDB);
    private static final long MAX_DATABASE = 512L << 20;

    @Override
    public String name() {
        return "rpm";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean wants(String path) {
        for (String dir : DIRECTORIES) {
            if (path.startsWith(dir) && FILES.contains(path.substring(dir.length()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long maxFileSize() {
        return MAX_DATABASE;
    }

    @Override
    public Inventory analyze(AnalyzerInput input) throws AnalysisException {
        for (String dir : DIRECTORIES) {
            Optional<FileContent> sqlite = input.file(dir + SQLITE);
            Optional<FileContent> ndb = input.file(dir + NDB);
            Optional<FileContent> bdb = input.file(dir + BDB);
            try {
                if (sqlite.isPresent()) {
                    return packages(sqlite.get(), SqliteRpmdb.read(sqlite.get().content(),
                            input.file(dir + SQLITE_WAL).map(FileContent::content)));
                }
                if (ndb.isPresent()) {
                    return packages(ndb.get(), NdbRpmdb.read(ndb.get().content()));
                }
                if (bdb.isPresent()) {
                    return packages(bdb.get(), BerkeleyHashRpmdb.read(bdb.get().content()));
                }
            } catch (IOException e) {
                FileContent db = sqlite.or(() -> ndb).or(() -> bdb).orElseThrow();
                throw new AnalysisException("%s: %s".formatted(db.path(), e.getMessage()), e);
            }
        }
        return Inventory.empty();
    }

    private static Inventory packages(FileContent db, HeaderBlobs blobs) {
        List<ScanWarning> warnings = new ArrayList<>();
        blobs.problems().forEach(p -> warnings.add(new ScanWarning(db.path(), db.layer(), p)));
        List<InstalledPackage> packages = new ArrayList<>();
        for (HeaderBlobs.Blob blob : blobs.headers()) {
            try {
                packages.add(toPackage(RpmHeader.parse(blob.bytes())));
            } catch (IllegalArgumentException e) {
                warnings.add(new ScanWarning(db.path(), db.layer(),
                        "package %d: %s; skipped".formatted(blob.record(), e.getMessage())));
            }
        }
        return Inventory.of(packages, warnings);
    }

    private static InstalledPackage toPackage(RpmHeader h) {
        String name = h.string(RpmHeader.NAME).filter(n -> !n.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("no package name"));
        int epoch = h.int32(RpmHeader.EPOCH).orElse(0);
        String epochPrefix = epoch > 0 ? epoch + ":" : "";
        String version = epochPrefix + h.string(RpmHeader.VERSION).orElse("") + "-"
                + h.string(RpmHeader.RELEASE).orElse("");
        SourceRpm source = SourceRpm.parse(h.string(RpmHeader.SOURCERPM).orElse(""))
                .orElse(new SourceRpm(name, version.substring(epochPrefix.length())));
        return new InstalledPackage(PackageType.RPM, name, version, h.string(RpmHeader.ARCH).orElse(""),
                source.name(), epochPrefix + source.versionRelease(), "", "",
                h.string(RpmHeader.MODULARITYLABEL).orElse(""), files(h));
    }

    /** Paths without the leading slash, from the compressed (dir index, base name) lists or the old full list. */
    private static List<String> files(RpmHeader h) {
        List<String> basenames = h.strings(RpmHeader.BASENAMES);
        if (basenames.isEmpty()) {
            return h.strings(RpmHeader.OLDFILENAMES).stream().map(RpmDatabaseAnalyzer::relative).toList();
        }
        List<String> dirnames = h.strings(RpmHeader.DIRNAMES);
        List<Integer> indexes = h.int32s(RpmHeader.DIRINDEXES);
        if (indexes.size() != basenames.size()) {
            throw new IllegalArgumentException("%d file names but %d directory indexes"
                    .formatted(basenames.size(), indexes.size()));
        }
        List<String> files = new ArrayList<>(basenames.size());
        for (int i = 0; i < basenames.size(); i++) {
            int dir = indexes.get(i);
            if (dir < 0 || dir >= dirnames.size()) {
                throw new IllegalArgumentException("file %d names directory %d of %d".formatted(i, dir,
                        dirnames.size()));
            }
            files.add(relative(dirnames.get(dir) + basenames.get(i)));
        }
        return files;
    }

    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** {@code name-version-release.src.rpm}, split at its last two hyphens. */
    private record SourceRpm(String name, String versionRelease) {

        static Optional<SourceRpm> parse(String fileName) {
            String base = fileName.endsWith(".src.rpm") ? fileName.substring(0, fileName.length() - 8)
                    : fileName.endsWith(".nosrc.rpm") ? fileName.substring(0, fileName.length() - 10) : "";
            int release = base.lastIndexOf('-');
            int version = release > 0 ? base.lastIndexOf('-', release - 1) : -1;
            if (version <= 0) {
                return Optional.empty();
            }
            return Optional.of(new SourceRpm(base.substring(0, version), base.substring(version + 1)));
        }
    }
}
