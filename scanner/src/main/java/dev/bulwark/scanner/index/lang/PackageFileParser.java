package dev.bulwark.scanner.index.lang;

import dev.bulwark.core.scan.InstalledPackage;
import java.io.IOException;
import java.util.List;

/** Reads the packages one file format lists: a lock file, a metadata file of an installed package. */
@FunctionalInterface
public interface PackageFileParser {

    /**
     * @param path the file's path in the image, the location of what it lists
     * @throws IOException when the file is not of its format; one bad record is skipped instead
     */
    List<InstalledPackage> parse(String path, byte[] body) throws IOException;
}
