package dev.bulwark.scanner.index.os.dpkg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads deb822 control data (dpkg's {@code status}): paragraphs of {@code Field: value} lines separated by blank
 * lines, continuation lines starting with a space or tab. A line that is neither is a problem reported with its
 * line number; its paragraph is still returned, since dpkg itself keeps going.
 */
final class ControlParagraphs {

    /** Field names compare case-insensitively, as deb822 says. */
    record Paragraph(int line, Map<String, String> fields) {

        String field(String name) {
            return fields.getOrDefault(name, "");
        }
    }

    record Problem(int line, String reason) {}

    record Parsed(List<Paragraph> paragraphs, List<Problem> problems) {}

    private ControlParagraphs() {}

    static Parsed parse(String text) {
        List<Paragraph> paragraphs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, String> fields = newFields();
        int start = 0;
        String last = null;
        int lineNo = 0;
        int pos = 0;
        while (pos <= text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(pos, end);
            pos = end + 1;
            lineNo++;
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    paragraphs.add(new Paragraph(start, fields));
                    fields = newFields();
                }
                last = null;
                continue;
            }
            if (fields.isEmpty() && last == null) {
                start = lineNo;
            }
            char c = line.charAt(0);
            if (c == ' ' || c == '\t') {
                if (last == null) {
                    problems.add(new Problem(lineNo, "continuation line outside a field"));
                } else {
                    fields.merge(last, "\n" + line.strip(), String::concat);
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                problems.add(new Problem(lineNo, "not a 'Field: value' line"));
                last = null;
                continue;
            }
            last = line.substring(0, colon);
            fields.put(last, line.substring(colon + 1).strip());
        }
        if (!fields.isEmpty()) {
            paragraphs.add(new Paragraph(start, fields));
        }
        return new Parsed(paragraphs, problems);
    }

    private static Map<String, String> newFields() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }
}
