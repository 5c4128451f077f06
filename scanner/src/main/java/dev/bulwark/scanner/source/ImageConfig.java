package dev.bulwark.scanner.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an OCI / Docker image config the scanner uses.
 *
 * @param diffIds digests of the uncompressed layers, bottom first
 * @param history one entry per history line, including those that made no layer
 * @param raw the whole document, for analyzers of image settings
 * @param digest {@code sha256:} of the document's bytes: the config digest, which Docker shows as the image id
 */
public record ImageConfig(String os, String architecture, String variant, List<String> diffIds,
        List<HistoryEntry> history, JsonNode raw, String digest) {

    private static final ObjectMapper JSON = Json.lenient();

    public ImageConfig {
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }

    /** A line of the image history; {@code emptyLayer} lines made no layer. */
    public record HistoryEntry(String createdBy, boolean emptyLayer) {}

    public static ImageConfig parse(byte[] json, String where) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidInputException("%s: image config is not JSON (%s)".formatted(where, firstLine(e)));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("%s: image config is not a JSON object".formatted(where));
        }
        List<String> diffIds = new ArrayList<>();
        for (JsonNode d : root.path("rootfs").path("diff_ids")) {
            diffIds.add(Digest.parse(d.asText()).toString());
        }
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode h : root.path("history")) {
            history.add(new HistoryEntry(h.path("created_by").asText(""), h.path("empty_layer").asBoolean(false)));
        }
        return new ImageConfig(root.path("os").asText(""), root.path("architecture").asText(""),
                root.path("variant").asText(""), diffIds, history, root, Digest.sha256(json).toString());
    }

    /** The platform as {@code os/arch[/variant]}, empty when the config does not say. */
    public String platform() {
        if (os.isEmpty() && architecture.isEmpty()) {
            return "";
        }
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }

    /** The history line that created each layer, bottom first; empty strings where history is missing. */
    public List<String> layerHistory() {
        List<String> lines = new ArrayList<>();
        for (HistoryEntry h : history) {
            if (!h.emptyLayer()) {
                lines.add(h.createdBy());
            }
        }
        return lines.size() == diffIds.size() ? lines : diffIds.stream().map(d -> "").toList();
    }

    static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
