package dev.bulwark.scanner.index.lang.ruby;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.index.lang.PathRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Gemfile.lock}: the gems under {@code specs:} of the {@code GEM} sections, four spaces in
 * ({@code    rack (2.2.3)}); a platform suffix ({@code 1.13.6-x86_64-linux}) is not part of the version.
 */
public final class GemfileLockParser extends PackageFileAnalyzer {

    private static final Pattern SPEC = Pattern.compile(" {4}([^ (]+) \\(([^)]+)\\)");

    public GemfileLockParser() {
        super("gemfile-lock", 1, PathRules.projectFiles("Gemfile.lock"), Lists.DECLARED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            throw new IOException("binary content, not a Gemfile.lock");
        }
        List<InstalledPackage> out = new ArrayList<>();
        String section = "";
        for (String line : text.split("\r?\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                section = line.strip();
                continue;
            }
            Matcher m = SPEC.matcher(line);
            if (section.equals("GEM") && m.matches()) {
                String version = m.group(2);
                int platform = version.indexOf('-');
                out.add(InstalledPackage.language(PackageType.GEM, m.group(1),
                        platform > 0 ? version.substring(0, platform) : version, path));
            }
        }
        return out;
    }
}
