package dev.bulwark.scanner.index.os.dpkg;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.scanner.index.Analyzer;
import dev.bulwark.scanner.index.CappedWarnings;
import dev.bulwark.scanner.index.AnalyzerInput;
import dev.bulwark.scanner.index.FileContent;
import dev.bulwark.scanner.index.Inventory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Debian packages from dpkg's database. A package counts as present when dpkg has unpacked its files, whatever
 * its configuration state; removed packages whose configuration files remain ({@code config-files}) and
 * {@code not-installed} records are not, since no code of theirs is on disk. Owned files come from
 * {@code info/<package>[:<arch>].list}, or from the {@code .md5sums} files of distroless {@code status.d}.
 */
public final class DpkgAnalyzer implements Analyzer {

    private static final String STATUS = "var/lib/dpkg/status";
    private static final String STATUS_D = "var/lib/dpkg/status.d/";
    private static final String INFO = "var/lib/dpkg/info/";
    private static final String LIST = ".list";
    private static final String MD5SUMS = ".md5sums";
    private static final Set<String> ABSENT_STATES = Set.of("not-installed", "config-files");
    /**
     * The owned file paths one analysis keeps, counting each path's object overhead: a full Debian system lists a
     * few megabytes, while a small image of highly compressible lists could name gigabytes.
     */
    static final long MAX_OWNED_BYTES = 64L << 20;
    private static final int PATH_OVERHEAD = 40;

    @Override
    public String name() {
        return "dpkg";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean wants(String path) {
        return path.equals(STATUS)
                || path.startsWith(STATUS_D) && path.indexOf('/', STATUS_D.length()) < 0
                || path.startsWith(INFO) && path.endsWith(LIST) && path.indexOf('/', INFO.length()) < 0;
    }

    @Override
    public Inventory analyze(AnalyzerInput input) {
        Map<String, List<String>> owned = new HashMap<>();
        List<FileContent> databases = new ArrayList<>();
        List<ScanWarning> warnings = new ArrayList<>();
        long ownedBytes = 0;
        for (FileContent f : input.files()) {
            boolean list = f.path().startsWith(INFO);
            boolean md5sums = !list && f.path().startsWith(STATUS_D) && f.path().endsWith(MD5SUMS);
            if (!list && !md5sums) {
                databases.add(f);
            } else if (ownedBytes > MAX_OWNED_BYTES) {
                warnings.add(ScanWarning.incomplete(f.path(), f.layer(), ("not read: the file lists pass %d bytes;"
                        + " its package is listed without files").formatted(MAX_OWNED_BYTES)));
            } else {
                List<String> files = list ? listedFiles(f.text()) : md5sumFiles(f.text());
                owned.put(baseName(f.path(), list ? LIST : MD5SUMS), files);
                ownedBytes += files.stream().mapToLong(p -> p.length() + PATH_OVERHEAD).sum();
            }
        }
        List<InstalledPackage> packages = new ArrayList<>();
        for (FileContent db : databases) {
            read(db, owned, packages, warnings);
        }
        return Inventory.of(packages, warnings);
    }

    private static void read(FileContent db, Map<String, List<String>> owned, List<InstalledPackage> packages,
            List<ScanWarning> warnings) {
        CappedWarnings problems = new CappedWarnings(db);
        for (ControlParagraphs.Paragraph p : ControlParagraphs.parse(db.text(), problems)) {
            String name = p.field("Package");
            String version = p.field("Version");
            if (name.isEmpty() || version.isEmpty()) {
                problems.add("record at line %d has no Package or Version; skipped".formatted(p.line()));
                continue;
            }
            String[] status = p.field("Status").split("\\s+");
            if (status.length == 3 && ABSENT_STATES.contains(status[2])) {
                continue;
            }
            String arch = p.field("Architecture");
            Source source = Source.of(p.field("Source"), name, version);
            List<String> files = owned.getOrDefault(name + ":" + arch, owned.getOrDefault(name, List.of()));
            packages.add(new InstalledPackage(PackageType.DEB, name, version, arch, source.name(),
                    source.version(), "", "", "", files));
        }
        warnings.addAll(problems.list());
    }

    private record Source(String name, String version) {

        /** {@code Source: name (version)} when the source version differs, {@code Source: name}, or nothing. */
        static Source of(String field, String name, String version) {
            int open = field.indexOf('(');
            if (field.isEmpty()) {
                return new Source(name, version);
            }
            if (open < 0 || !field.endsWith(")")) {
                return new Source(field, version);
            }
            return new Source(field.substring(0, open).strip(), field.substring(open + 1, field.length() - 1).strip());
        }
    }

    private static String baseName(String path, String suffix) {
        return path.substring(path.lastIndexOf('/') + 1, path.length() - suffix.length());
    }

    /** One absolute path per line; {@code /.} stands for the root directory itself. */
    private static List<String> listedFiles(String text) {
        return text.lines().filter(l -> l.startsWith("/") && !l.equals("/.")).map(l -> l.substring(1)).toList();
    }

    /** {@code <md5>  <path relative to the root>} per line. */
    private static List<String> md5sumFiles(String text) {
        return text.lines().map(l -> l.split("\\s+", 2)).filter(f -> f.length == 2 && !f[1].isBlank())
                .map(f -> f[1].strip()).map(p -> p.startsWith("/") ? p.substring(1) : p).toList();
    }
}
