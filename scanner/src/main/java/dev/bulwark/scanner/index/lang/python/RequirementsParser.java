package dev.bulwark.scanner.index.lang.python;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code requirements*.txt}: only exact pins ({@code name==1.2}, {@code name[extra]===1.2 ; marker}) say what
 * gets installed; ranges, options ({@code -r}, {@code -e}), URLs and paths are skipped.
 */
public final class RequirementsParser extends PackageFileAnalyzer {

    private static final Predicate<String> PATHS = p -> {
        String name = p.substring(p.lastIndexOf('/') + 1);
        return name.startsWith("requirements") && name.endsWith(".txt");
    };

    private static final Pattern PIN = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9._-]*)\\s*(?:\\[[^\\]]*\\])?\\s*===?\\s*([A-Za-z0-9!+._-]+)\\s*(?:;.*)?");

    public RequirementsParser() {
        super("pip-requirements", 1, PathRules.inProject(PATHS), Lists.DECLARED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            throw new IOException("binary content, not a requirements file");
        }
        List<InstalledPackage> out = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            int comment = raw.indexOf(" #");
            String line = (comment >= 0 ? raw.substring(0, comment) : raw).strip();
            if (line.endsWith("\\")) {
                line = line.substring(0, line.length() - 1).strip();
            }
            Matcher m = PIN.matcher(line);
            if (m.matches()) {
                out.add(InstalledPackage.language(PackageType.PYPI, m.group(1), m.group(2), path));
            }
        }
        return out;
    }
}
