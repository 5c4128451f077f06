package dev.bulwark.scanner.index.lang;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.scanner.index.FileAnalyzer;
import dev.bulwark.scanner.index.FileStream;
import dev.bulwark.scanner.index.Inventory;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link FileAnalyzer} for a metadata or lock file read whole (they are small; {@link #MAX_BYTES} bounds them)
 * and parsed into the packages it lists. A subclass is one file format: it gives its name, version and paths to
 * this constructor and implements {@link #parse}.
 */
public abstract class PackageFileAnalyzer implements FileAnalyzer {

    static final int MAX_BYTES = 64 << 20;
    /** Twenty times the packages of the largest real lock files. */
    protected static final int MAX_PACKAGES = 100_000;

    /** What the files of a format list. */
    protected enum Lists {
        /** Metadata of installed packages. */
        INSTALLED,
        /** What a project would install: lock files and manifests. */
        DECLARED
    }

    private final String name;
    private final int version;
    private final Predicate<String> paths;
    private final Lists lists;

    /** @param paths which paths hold the format; see {@link PathRules} */
    protected PackageFileAnalyzer(String name, int version, Predicate<String> paths, Lists lists) {
        this.name = name;
        this.version = version;
        this.paths = paths;
        this.lists = lists;
    }

    /**
     * @param path the file's path in the image, the location of what it lists
     * @throws IOException when the file is not of its format; one bad record is skipped instead
     */
    public abstract List<InstalledPackage> parse(String path, byte[] body) throws IOException;

    /** How often {@code marker} occurs in {@code body}: a count of records taken before parsing them. */
    protected static long occurrences(byte[] body, byte[] marker) {
        long count = 0;
        outer:
        for (int i = 0; i <= body.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (body[i + j] != marker[j]) {
                    continue outer;
                }
            }
            count++;
        }
        return count;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int version() {
        return version;
    }

    @Override
    public final boolean wants(String path, int mode, long size) {
        return paths.test(path);
    }

    @Override
    public final boolean declaresOnly() {
        return lists == Lists.DECLARED;
    }

    @Override
    public final long maxFileSize() {
        return MAX_BYTES;
    }

    @Override
    public final Inventory analyze(FileStream file) throws IOException {
        byte[] body = LimitedRead.all(file.body(), MAX_BYTES, file.path());
        return Inventory.of(parse(file.path(), body), List.of());
    }
}
