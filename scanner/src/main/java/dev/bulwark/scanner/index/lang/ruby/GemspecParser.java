package dev.bulwark.scanner.index.lang.ruby;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The specification RubyGems writes for an installed gem ({@code specifications/NAME-VERSION.gemspec}): Ruby
 * code, of which only the literal {@code s.name}, {@code s.version} and {@code s.license(s)} assignments are read.
 * The code is never run.
 */
public final class GemspecParser extends PackageFileAnalyzer {

    private static final Predicate<String> PATHS = p -> p.endsWith(".gemspec") && p.contains("/specifications/");

    private static final Pattern NAME = Pattern.compile("\\.name\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern VERSION = Pattern.compile("\\.version\\s*=\\s*[\"']([^\"']+)[\"']");
    private static final Pattern LICENSES = Pattern.compile("\\.licenses?\\s*=\\s*\\[?([^\\]\\n]*)");
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");

    public GemspecParser() {
        super("gemspec", 1, PATHS, Lists.INSTALLED);
    }

    @Override
    public List<InstalledPackage> parse(String path, byte[] body) throws IOException {
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher name = NAME.matcher(text);
        Matcher version = VERSION.matcher(text);
        if (!name.find() || !version.find()) {
            throw new IOException("no literal name and version assignment");
        }
        List<String> licenses = new ArrayList<>();
        Matcher l = LICENSES.matcher(text);
        if (l.find()) {
            Matcher q = QUOTED.matcher(l.group(1));
            while (q.find()) {
                licenses.add(q.group(1));
            }
        }
        return List.of(InstalledPackage.language(PackageType.GEM, name.group(1), version.group(1), path)
                .withLicenses(licenses));
    }
}
