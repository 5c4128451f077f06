package dev.bulwark.scanner.index.lang.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The license fields of package.json: a string, an old {@code {type}} object, or a {@code licenses} array. */
final class Licenses {

    private Licenses() {}

    static List<String> of(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        add(manifest.path("license"), out);
        for (JsonNode l : manifest.path("licenses")) {
            add(l, out);
        }
        return out;
    }

    private static void add(JsonNode license, List<String> out) {
        String text = license.isTextual() ? license.asText() : license.path("type").asText("");
        if (!text.isBlank()) {
            out.add(text.strip());
        }
    }
}
