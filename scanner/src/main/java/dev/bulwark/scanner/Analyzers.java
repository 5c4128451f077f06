package dev.bulwark.scanner;

import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.FileAnalyzer;
import dev.bulwark.scanner.index.lang.java.JarAnalyzer;
import dev.bulwark.scanner.index.os.apk.ApkAnalyzer;
import dev.bulwark.scanner.index.os.dpkg.DpkgAnalyzer;
import dev.bulwark.scanner.index.os.release.OsReleaseAnalyzer;
import dev.bulwark.scanner.index.os.rpm.RpmDatabaseAnalyzer;
import java.util.List;

/** The only lists of analyzers; their order is the report order. */
public final class Analyzers {

    private Analyzers() {}

    /** Analyzers of the whole file system view: the OS and its package databases. */
    public static List<Analyzer> os() {
        return List.of(new OsReleaseAnalyzer(), new DpkgAnalyzer(), new ApkAnalyzer(), new RpmDatabaseAnalyzer());
    }

    /** Analyzers of single files: language packages. */
    public static List<FileAnalyzer> files() {
        return List.of(new JarAnalyzer());
    }

    /** A scanner with every analyzer. */
    public static ImageScanner scanner() {
        return new ImageScanner(os(), files());
    }
}
