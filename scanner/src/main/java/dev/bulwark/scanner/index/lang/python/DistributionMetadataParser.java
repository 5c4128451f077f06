package dev.bulwark.scanner.index.lang.python;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The core metadata of an installed distribution: {@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO}, or
 * an {@code *.egg-info} file. Only the header block is read (the description follows the first blank line).
 * Licenses come from {@code License-Expression}, else a one-line {@code License}, else the license classifiers.
 */
public final class DistributionMetadataParser extends PackageFileAnalyzer {

    private static final Predicate<String> PATHS = p -> p.endsWith(".dist-info/METADATA")
            || p.endsWith(".egg-info/PKG-INFO") || p.endsWith(".egg-info");

    private static final String LICENSE_CLASSIFIER = "License :: ";

    public DistributionMetadataParser() {
        super("python-dist", 1, PATHS, Lists.INSTALLED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            throw new IOException("binary content, not package metadata");
        }
        String name = "";
        String version = "";
        String expression = "";
        String license = "";
        List<String> classifiers = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (Character.isWhitespace(line.charAt(0)) || colon <= 0) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            switch (line.substring(0, colon)) {
                case "Name" -> name = value;
                case "Version" -> version = value;
                case "License-Expression" -> expression = value;
                case "License" -> license = value;
                case "Classifier" -> {
                    if (value.startsWith(LICENSE_CLASSIFIER)) {
                        classifiers.add(value.substring(value.lastIndexOf("::") + 2).strip());
                    }
                }
                default -> { }
            }
        }
        if (name.isEmpty() || version.isEmpty()) {
            throw new IOException("no Name or Version header");
        }
        List<String> licenses = !expression.isEmpty() ? List.of(expression)
                : !license.isEmpty() && !license.equals("UNKNOWN") && license.length() <= 80 ? List.of(license)
                : classifiers;
        return List.of(InstalledPackage.language(PackageType.PYPI, name, version, path).withLicenses(licenses));
    }
}
