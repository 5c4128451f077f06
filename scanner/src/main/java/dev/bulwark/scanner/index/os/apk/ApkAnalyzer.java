package dev.bulwark.scanner.index.os.apk;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.AnalyzerInput;
import dev.bulwark.scanner.index.CappedWarnings;
import dev.bulwark.scanner.index.FileContent;
import dev.bulwark.scanner.index.Inventory;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code lib/apk/db/installed}. The source package is the record's origin ({@code o:}), which shares the
 * package's version, as secdb advisories expect. Files are the {@code F:} directories joined with the
 * {@code R:} names that follow them. A record without a name or version is skipped with a warning.
 */
public final class ApkAnalyzer implements Analyzer {

    private static final String INSTALLED = "lib/apk/db/installed";
    /** Linux's PATH_MAX: a longer directory name is no path on any system. */
    static final int MAX_PATH = 4096;
    /**
     * The file paths a database may expand to: each {@code R:} line repeats the {@code F:} before it, so a small
     * hostile database could otherwise name gigabytes of paths. A full Alpine image lists a few megabytes.
     */
    static final long MAX_PATH_BYTES = 64L << 20;

    @Override
    public String name() {
        return "apk";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean wants(String path) {
        return path.equals(INSTALLED);
    }

    @Override
    public Inventory analyze(AnalyzerInput input) {
        return input.file(INSTALLED).map(ApkAnalyzer::read).orElse(Inventory.empty());
    }

    private static Inventory read(FileContent db) {
        List<InstalledPackage> packages = new ArrayList<>();
        CappedWarnings warnings = new CappedWarnings(db);
        Record record = new Record();
        int lineNo = 0;
        long pathBytes = 0;
        for (String line : db.text().split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                pathBytes += record.finish(packages, warnings);
                record = new Record();
            } else if (line.length() < 2 || line.charAt(1) != ':') {
                warnings.add("line %d: not an 'X:value' line".formatted(lineNo));
            } else if (line.charAt(0) == 'R' && pathBytes + record.pathBytes > MAX_PATH_BYTES) {
                warnings.addIncomplete("line %d: the files of its packages pass %d bytes of paths; the rest of the"
                        .formatted(lineNo, MAX_PATH_BYTES) + " database is not read");
                record = new Record();
                break;
            } else {
                record.add(line.charAt(0), line.substring(2), lineNo, warnings);
            }
        }
        record.finish(packages, warnings);
        return Inventory.of(packages, warnings.list());
    }

    /** The fields of one package record as they are read. */
    private static final class Record {
        private int line;
        private String name = "";
        private String version = "";
        private String arch = "";
        private String origin = "";
        private String directory = "";
        private final List<String> files = new ArrayList<>();
        private long pathBytes;

        void add(char key, String value, int lineNo, CappedWarnings warnings) {
            if (line == 0) {
                line = lineNo;
            }
            switch (key) {
                case 'P' -> name = value;
                case 'V' -> version = value;
                case 'A' -> arch = value;
                case 'o' -> origin = value;
                case 'F' -> directory = value;
                case 'R' -> addFile(directory.isEmpty() ? value : directory + "/" + value, lineNo, warnings);
                default -> { }
            }
        }

        private void addFile(String path, int lineNo, CappedWarnings warnings) {
            if (path.length() > MAX_PATH) {
                warnings.add("line %d: a path of %d characters; left out".formatted(lineNo, path.length()));
                return;
            }
            files.add(path);
            pathBytes += path.length();
        }

        /** Adds the package, when the record makes one; the bytes of paths it holds. */
        long finish(List<InstalledPackage> packages, CappedWarnings warnings) {
            if (line == 0) {
                return 0;
            }
            if (name.isEmpty() || version.isEmpty()) {
                warnings.add("record at line %d has no P: or V: field; skipped".formatted(line));
                return 0;
            }
            packages.add(new InstalledPackage(PackageType.APK, name, version, arch,
                    origin.isEmpty() ? name : origin, version, "", "", "", files));
            return pathBytes;
        }
    }
}
