package dev.bulwark.scanner.index.lang;

import dev.bulwark.scanner.index.FileAnalyzer;
import dev.bulwark.scanner.index.FileStream;
import dev.bulwark.scanner.index.Inventory;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link FileAnalyzer} for a metadata or lock file read whole (they are small; {@link #MAX_BYTES} bounds them)
 * and handed to the parser of its format.
 *
 * @param paths which paths hold the format; see {@link PathRules}
 * @param declaresOnly true for lock files and manifests, false for metadata of installed packages
 */
public record PackageFileAnalyzer(String name, int version, Predicate<String> paths, boolean declaresOnly,
        PackageFileParser parser) implements FileAnalyzer {

    static final int MAX_BYTES = 64 << 20;

    public static PackageFileAnalyzer installed(String name, Predicate<String> paths, PackageFileParser parser) {
        return new PackageFileAnalyzer(name, 1, paths, false, parser);
    }

    public static PackageFileAnalyzer declared(String name, Predicate<String> paths, PackageFileParser parser) {
        return new PackageFileAnalyzer(name, 1, paths, true, parser);
    }

    @Override
    public boolean wants(String path, int mode, long size) {
        return paths.test(path);
    }

    @Override
    public long maxFileSize() {
        return MAX_BYTES;
    }

    @Override
    public Inventory analyze(FileStream file) throws IOException {
        byte[] body = LimitedRead.all(file.body(), MAX_BYTES, file.path());
        return Inventory.of(parser.parse(file.path(), body), List.of());
    }
}
