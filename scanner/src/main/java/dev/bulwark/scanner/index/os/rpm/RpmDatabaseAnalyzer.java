package dev.bulwark.scanner.index.os.rpm;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.budget.TemporarySpace;
import dev.bulwark.scanner.index.AnalysisException;
import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.CappedWarnings;
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

    private final TemporarySpace temporary;

    /** @param temporary where the SQLite backend's copy goes */
    public RpmDatabaseAnalyzer(TemporarySpace temporary) {
        this.temporary = temporary;
    }

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
            Optional<FileContent> found = sqlite.or(() -> ndb).or(() -> bdb);
            if (found.isEmpty()) {
                continue;
            }
            FileContent db = found.get();
            CappedWarnings warnings = new CappedWarnings(db);
            try {
                HeaderBlobs blobs = sqlite.isPresent()
                        ? SqliteRpmdb.read(db.content(), input.file(dir + SQLITE_WAL).map(FileContent::content),
                                temporary, warnings)
                        : ndb.isPresent() ? NdbRpmdb.read(db.content(), warnings)
                        : BerkeleyHashRpmdb.read(db.content(), warnings);
                return packages(blobs, warnings);
            } catch (IOException e) {
                throw new AnalysisException("%s: %s".formatted(db.path(), e.getMessage()), e);
            }
        }
        return Inventory.empty();
    }

    private static Inventory packages(HeaderBlobs blobs, CappedWarnings warnings) {
        if (blobs.cut()) {
            warnings.addIncomplete(blobs.cutReason());
        }
        List<InstalledPackage> packages = new ArrayList<>();
        FilePaths paths = new FilePaths();
        for (HeaderBlobs.Blob blob : blobs.headers()) {
            try {
                packages.add(toPackage(RpmHeader.parse(blob.bytes()), paths));
            } catch (IllegalArgumentException e) {
                warnings.add("package %d: %s; skipped".formatted(blob.record(), e.getMessage()));
            }
        }
        if (paths.cut) {
            warnings.addIncomplete("the file lists pass %d bytes of paths; later packages are listed without files"
                    .formatted(FilePaths.MAX_BYTES));
        }
        return Inventory.of(packages, warnings.list());
    }

    /**
     * The bytes of file paths one database may expand to. Each path joins a directory name with a base name, so a
     * header of one long directory and many short names would otherwise expand a megabyte into gigabytes; a full
     * Fedora system lists about 15 MB.
     */
    private static final class FilePaths {
        static final long MAX_BYTES = 64L << 20;
        /** Linux's PATH_MAX: a longer name is no path on any system. */
        static final int MAX_PATH = 4096;
        private long bytes;
        private boolean cut;

        /** Whether one more path of this length fits; once one does not, none does. */
        boolean take(int length) {
            if (length > MAX_PATH) {
                throw new IllegalArgumentException("a file path of %d characters".formatted(length));
            }
            bytes += length;
            cut |= bytes > MAX_BYTES;
            return !cut;
        }
    }

    private static InstalledPackage toPackage(RpmHeader h, FilePaths paths) {
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
                h.string(RpmHeader.MODULARITYLABEL).orElse(""), files(h, paths));
    }

    /** Paths without the leading slash, from the compressed (dir index, base name) lists or the old full list. */
    private static List<String> files(RpmHeader h, FilePaths paths) {
        List<String> basenames = h.strings(RpmHeader.BASENAMES);
        if (basenames.isEmpty()) {
            List<String> old = h.strings(RpmHeader.OLDFILENAMES);
            return old.stream().allMatch(f -> paths.take(f.length()))
                    ? old.stream().map(RpmDatabaseAnalyzer::relative).toList() : List.of();
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
            if (!paths.take(dirnames.get(dir).length() + basenames.get(i).length())) {
                return List.of();
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
