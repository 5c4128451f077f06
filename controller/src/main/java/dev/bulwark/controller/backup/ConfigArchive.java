package dev.bulwark.controller.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The backup file: gzip of a JSON document {@code {format, version, section, created, entries: {key: value},
 * sha256}} where {@code sha256} covers the entries, so a truncated or edited file is refused before anything is
 * touched. Values are the stored JSON records (passwords and API key secrets are only ever stored hashed).
 */
public record ConfigArchive(String section, String created, Map<String, JsonNode> entries) {

    static final String FORMAT = "bulwark-config";
    static final int VERSION = 1;
    static final int MAX_INFLATED = 256 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    public byte[] write() {
        try {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format", FORMAT);
            doc.put("version", VERSION);
            doc.put("section", section);
            doc.put("created", created);
            doc.put("entries", entries);
            doc.put("sha256", digest(entries));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                JSON.writeValue(gz, doc);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks a backup; any damage is a {@link ApiError#FAIL_IMPORT} error. */
    public static ConfigArchive read(byte[] file) {
        JsonNode doc;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(file))) {
            byte[] json = in.readNBytes(MAX_INFLATED + 1);
            if (json.length > MAX_INFLATED) {
                throw fail("the backup inflates past %d bytes".formatted(MAX_INFLATED));
            }
            doc = JSON.readTree(json);
        } catch (IOException e) {
            throw fail("not a backup of this controller (gzip JSON expected): " + e.getMessage());
        }
        if (doc == null || !FORMAT.equals(doc.path("format").asText()) || doc.path("version").asInt() != VERSION) {
            throw fail("not a %s version %d file".formatted(FORMAT, VERSION));
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        doc.path("entries").properties().forEach(e -> entries.put(e.getKey(), e.getValue()));
        if (!digest(entries).equals(doc.path("sha256").asText())) {
            throw fail("the backup was changed or damaged: its checksum does not match");
        }
        return new ConfigArchive(doc.path("section").asText(), doc.path("created").asText(), entries);
    }

    private static String digest(Map<String, JsonNode> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<String> keys = new ArrayList<>(entries.keySet());
            keys.sort(null);
            for (String k : keys) {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(JSON.writeValueAsBytes(entries.get(k)));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApiException fail(String message) {
        return new ApiException(400, ApiError.FAIL_IMPORT, message);
    }
}
