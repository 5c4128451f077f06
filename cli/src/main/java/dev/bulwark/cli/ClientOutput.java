package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints controller objects as an aligned table, JSON or YAML. */
final class ClientOutput {

    private static final ObjectMapper INDENTED = Json.indented();
    private static final ObjectMapper YAML = Json.yaml();

    private ClientOutput() {}

    static void print(JsonNode value, List<String> columns, String format, PrintWriter out) throws IOException {
        switch (format) {
            case "json" -> out.println(INDENTED.writeValueAsString(value));
            case "yaml" -> out.print(YAML.writeValueAsString(value));
            case "table" -> table(value.isArray() ? value : INDENTED.createArrayNode().add(value), columns, out);
            default -> throw new InvalidInputException("unknown output '%s' (use table, json or yaml)".formatted(format));
        }
        out.flush();
    }

    private static void table(JsonNode rows, List<String> columns, PrintWriter out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new));
        for (JsonNode row : rows) {
            lines.add(columns.stream().map(c -> cell(row.path(c))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                widths[i] = Math.max(widths[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                b.append(l[i]).append(" ".repeat(i < l.length - 1 ? widths[i] - l[i].length() + 2 : 0));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String cell(JsonNode n) {
        if (n.isArray()) {
            List<String> parts = new ArrayList<>();
            n.forEach(x -> parts.add(x.asText()));
            return String.join(",", parts);
        }
        String text = n.isMissingNode() || n.isNull() ? "" : n.asText();
        text = text.replaceAll("\\s+", " ");
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
