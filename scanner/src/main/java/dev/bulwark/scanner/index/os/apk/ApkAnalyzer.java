package dev.bulwark.scanner.index.os.apk;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.AnalyzerInput;
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
        List<ScanWarning> warnings = new ArrayList<>();
        Record record = new Record();
        int lineNo = 0;
        for (String line : db.text().split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                record.finish(packages, warnings, db);
                record = new Record();
            } else if (line.length() < 2 || line.charAt(1) != ':') {
                warnings.add(new ScanWarning(db.path(), db.layer(),
                        "line %d: not an 'X:value' line".formatted(lineNo)));
            } else {
                record.add(line.charAt(0), line.substring(2), lineNo);
            }
        }
        record.finish(packages, warnings, db);
        return Inventory.of(packages, warnings);
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

        void add(char key, String value, int lineNo) {
            if (line == 0) {
                line = lineNo;
            }
            switch (key) {
                case 'P' -> name = value;
                case 'V' -> version = value;
                case 'A' -> arch = value;
                case 'o' -> origin = value;
                case 'F' -> directory = value;
                case 'R' -> files.add(directory.isEmpty() ? value : directory + "/" + value);
                default -> { }
            }
        }

        void finish(List<InstalledPackage> packages, List<ScanWarning> warnings, FileContent db) {
            if (line == 0) {
                return;
            }
            if (name.isEmpty() || version.isEmpty()) {
                warnings.add(new ScanWarning(db.path(), db.layer(),
                        "record at line %d has no P: or V: field; skipped".formatted(line)));
                return;
            }
            packages.add(new InstalledPackage(PackageType.APK, name, version, arch,
                    origin.isEmpty() ? name : origin, version, "", "", "", files));
        }
    }
}
