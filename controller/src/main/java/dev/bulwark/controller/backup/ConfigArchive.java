package dev.bulwark.controller.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The backup file: gzip of a JSON document {@code {format, version, section, created, entries: {key: value},
 * sha256, signature}} where {@code sha256} covers the entries, so a truncated or damaged file is refused before
 * anything is touched, and {@code signature} is an HMAC-SHA256 of section, creation time and digest under the
 * cluster's own signing key, so that an edited file (a planted user, a digest computed again) is refused as well
 * unless whoever restores it says they trust it. Values are the stored JSON records (passwords and API key secrets
 * are only ever stored hashed).
 */
public record ConfigArchive(String section, String created, Map<String, JsonNode> entries) {

    static final String FORMAT = "bulwark-config";
    static final int VERSION = 1;
    static final int MAX_INFLATED = 256 << 20;
    private static final ObjectMapper JSON = Json.lenient();

    /** The file, signed with the cluster's key. */
    public byte[] write(byte[] signingKey) {
        try {
            String digest = digest(entries);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("format", FORMAT);
            doc.put("version", VERSION);
            doc.put("section", section);
            doc.put("created", created);
            doc.put("entries", entries);
            doc.put("sha256", digest);
            doc.put("signature", signature(signingKey, section, created, digest));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                JSON.writeValue(gz, doc);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads and checks a backup; any damage, and a signature that is missing or not this cluster's unless
     * {@code trusted}, is a {@link ApiError#FAIL_IMPORT} error.
     */
    public static ConfigArchive read(byte[] file, byte[] signingKey, boolean trusted) {
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
        String digest = digest(entries);
        if (!digest.equals(doc.path("sha256").asText())) {
            throw fail("the backup was changed or damaged: its checksum does not match");
        }
        String section = doc.path("section").asText();
        String created = doc.path("created").asText();
        if (!trusted && !MessageDigest.isEqual(signature(signingKey, section, created, digest).getBytes(
                StandardCharsets.US_ASCII), doc.path("signature").asText().getBytes(StandardCharsets.US_ASCII))) {
            throw fail("the backup is not signed by this cluster (edited, or made by another cluster): restore it"
                    + " only if you trust where it came from, with trust=true (bulwark restore --trust)");
        }
        return new ConfigArchive(section, created, entries);
    }

    private static String signature(byte[] key, String section, String created, String digest) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((section + "\0" + created + "\0" + digest)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String digest(Map<String, JsonNode> entries) {
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
