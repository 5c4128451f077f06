package dev.bulwark.scanner;

import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.os.apk.ApkAnalyzer;
import dev.bulwark.scanner.index.os.dpkg.DpkgAnalyzer;
import dev.bulwark.scanner.index.os.release.OsReleaseAnalyzer;
import dev.bulwark.scanner.index.os.rpm.RpmDatabaseAnalyzer;
import java.util.List;

/** The only list of analyzers; its order is the report order. */
public final class Analyzers {

    private Analyzers() {}

    public static List<Analyzer> all() {
        return List.of(new OsReleaseAnalyzer(), new DpkgAnalyzer(), new ApkAnalyzer(), new RpmDatabaseAnalyzer());
    }
}
