package dev.bulwark.scanner.suppress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.scan.SuppressedFinding;
import dev.bulwark.core.scan.Vulnerability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ignore file, in YAML:
 *
 * <pre>
 * ignore:
 *   - id: CVE-2021-44228            # the advisory id or any alias
 *     package: org.apache.logging.log4j:log4j-core   # optional: name or purl
 *     expires: 2026-12-31           # optional: from this day on, the entry no longer suppresses
 *     reason: JndiLookup class removed from the jar
 * </pre>
 *
 * or as plain lines, {@code ID [PACKAGE] [exp:YYYY-MM-DD] [# reason]}. An expired entry stops suppressing and
 * is named in {@link #notices()}; a malformed file is an error, never a silently empty list.
 */
public final class IgnoreFile implements Suppression {

    static final int MAX_BYTES = 4 << 20;

    /** One entry; {@code pkg} and {@code expires} may be empty. */
    record Entry(String id, String pkg, Optional<LocalDate> expires, String reason) {}

    private final String name;
    private final List<Entry> active = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    private IgnoreFile(String name, List<Entry> entries, LocalDate today) {
        this.name = name;
        for (Entry e : entries) {
            if (e.expires().isPresent() && !today.isBefore(e.expires().get())) {
                notices.add("%s: the entry for %s%s expired on %s and no longer suppresses it".formatted(name, e.id(),
                        e.pkg().isEmpty() ? "" : " in " + e.pkg(), e.expires().get()));
            } else {
                active.add(e);
            }
        }
    }

    public static IgnoreFile read(Path file, LocalDate today) {
        byte[] body;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException("%s: ignore file is larger than %d bytes".formatted(file, MAX_BYTES));
            }
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read ignore file %s: %s".formatted(file, e.getMessage()), e);
        }
        return parse(file.getFileName().toString(), body, today);
    }

    static IgnoreFile parse(String name, byte[] body, LocalDate today) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\0') >= 0) {
            throw new InvalidInputException(name + ": not a text file");
        }
        List<Entry> entries = text.lines().anyMatch(l -> l.startsWith("ignore:")) ? yaml(name, body) : lines(name, text);
        return new IgnoreFile(name, entries, today);
    }

    private static List<Entry> yaml(String name, byte[] body) {
        JsonNode root;
        try {
            root = Json.yaml().readTree(body);
        } catch (IOException e) {
            throw new InvalidInputException("%s: not valid YAML: %s".formatted(name, firstLine(e.getMessage())), e);
        }
        if (!root.path("ignore").isArray()) {
            throw new InvalidInputException(name + ": 'ignore' must be a list of entries");
        }
        List<Entry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode n : root.path("ignore")) {
            index++;
            String id = n.path("id").asText("").strip();
            if (id.isEmpty()) {
                throw new InvalidInputException("%s: entry %d has no id".formatted(name, index));
            }
            entries.add(new Entry(id, n.path("package").asText("").strip(),
                    date(name, n.path("expires").asText("").strip()), n.path("reason").asText("").strip()));
        }
        return entries;
    }

    private static List<Entry> lines(String name, String text) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            int hash = raw.indexOf('#');
            String reason = hash < 0 ? "" : raw.substring(hash + 1).strip();
            String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
            if (line.isEmpty()) {
                continue;
            }
            String id = "";
            String pkg = "";
            Optional<LocalDate> expires = Optional.empty();
            for (String word : line.split("\\s+")) {
                if (word.startsWith("exp:")) {
                    expires = date(name, word.substring(4));
                } else if (id.isEmpty()) {
                    id = word;
                } else if (pkg.isEmpty()) {
                    pkg = word;
                } else {
                    throw new InvalidInputException("%s: cannot read line '%s' (ID [PACKAGE] [exp:YYYY-MM-DD] [# reason])"
                            .formatted(name, line.length() > 80 ? line.substring(0, 80) + "..." : line));
                }
            }
            entries.add(new Entry(id, pkg, expires, reason));
        }
        return entries;
    }

    private static Optional<LocalDate> date(String name, String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("%s: '%s' is not a date (YYYY-MM-DD)".formatted(name, text), e);
        }
    }

    private static String firstLine(String s) {
        String m = String.valueOf(s);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public Optional<SuppressedFinding> suppress(Vulnerability finding) {
        for (Entry e : active) {
            if (Suppression.names(finding, e.id()) && (e.pkg().isEmpty() || Suppression.namesPackage(finding, e.pkg()))) {
                return Optional.of(new SuppressedFinding(finding, "ignorefile:" + name, "ignored",
                        e.reason() + e.expires().map(d -> (e.reason().isEmpty() ? "" : "; ") + "until " + d).orElse("")));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> notices() {
        return List.copyOf(notices);
    }
}
