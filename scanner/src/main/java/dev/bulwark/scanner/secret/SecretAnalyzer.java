package dev.bulwark.scanner.secret;

import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.core.scan.SecretFinding;
import dev.bulwark.scanner.index.FileAnalyzer;
import dev.bulwark.scanner.index.FileStream;
import dev.bulwark.scanner.index.Inventory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Searches every regular text file of every layer for secrets, except allowlisted paths, archives and images by
 * their extension, executables over {@link #MAX_EXECUTABLE_BYTES} (compiled programs, not scripts) and files
 * over {@link #MAX_BYTES}. A file with more than {@link #MAX_FINDINGS_PER_FILE} findings is cut with a warning.
 */
public final class SecretAnalyzer implements FileAnalyzer {

    static final long MAX_BYTES = 256L << 20;
    static final long MAX_EXECUTABLE_BYTES = 1L << 20;
    static final int MAX_FINDINGS_PER_FILE = 100;
    private static final java.util.regex.Pattern BINARY_FORMATS = java.util.regex.Pattern.compile(
            ".*\\.(?:jar|war|ear|par|hpi|jpi|zip|gz|tgz|bz2|xz|zst|7z|rar|whl|egg|deb|rpm|apk|so|so\\.[0-9.]+|a|o"
                    + "|class|dll|exe|png|jpe?g|gif|ico|webp|bmp|tiff?|woff2?|ttf|otf|eot|pdf|mo|db|sqlite|wasm)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private final SecretConfig config;
    private final SecretScanner scanner;

    public SecretAnalyzer(SecretConfig config) {
        this.config = config;
        this.scanner = new SecretScanner(config.rules(), config.allowed());
    }

    @Override
    public String name() {
        return "secret";
    }

    @Override
    public int version() {
        return 2;
    }

    @Override
    public boolean wants(String path, int mode, long size) {
        return size > 0 && ((mode & 0111) == 0 || size <= MAX_EXECUTABLE_BYTES) && !Allowlist.skipsPath(path)
                && !BINARY_FORMATS.matcher(path).matches() && !config.allowsPath(path);
    }

    @Override
    public boolean runsAside() {
        return true;
    }

    @Override
    public long maxFileSize() {
        return MAX_BYTES;
    }

    @Override
    public Inventory analyze(FileStream file) throws IOException {
        List<SecretScanner.Match> matches = scanner.scan(file.body(), Allowlist.genericApplies(file.path()));
        List<SecretFinding> findings = new ArrayList<>();
        List<ScanWarning> warnings = new ArrayList<>();
        for (SecretScanner.Match m : matches) {
            if (findings.size() == MAX_FINDINGS_PER_FILE) {
                warnings.add(new ScanWarning(file.path(), file.layer(),
                        "more than %d secrets; the rest are not listed".formatted(MAX_FINDINGS_PER_FILE)));
                break;
            }
            findings.add(new SecretFinding(m.rule().id(), m.rule().category(), m.rule().severity(), m.rule().title(),
                    file.path(), m.line(), m.redacted(), file.layer()));
        }
        return Inventory.ofSecrets(findings, warnings);
    }
}
