package dev.bulwark.scanner.index.os.dpkg;

import dev.bulwark.scanner.index.CappedWarnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads deb822 control data (dpkg's {@code status}): paragraphs of {@code Field: value} lines separated by blank
 * lines, continuation lines starting with a space or tab. A line that is neither is a warning with its line
 * number; its paragraph is still returned, since dpkg itself keeps going. Linear in the text: a field's lines are
 * joined in one builder, and a paragraph keeps at most {@link #MAX_FIELDS} fields (dpkg writes about twenty).
 */
final class ControlParagraphs {

    static final int MAX_FIELDS = 1000;

    /** Field names compare case-insensitively, as deb822 says. */
    record Paragraph(int line, Map<String, String> fields) {

        String field(String name) {
            return fields.getOrDefault(name, "");
        }
    }

    private final CappedWarnings warnings;
    private final List<Paragraph> paragraphs = new ArrayList<>();
    private Map<String, String> fields = newFields();
    private int start;
    private String field;
    private final StringBuilder value = new StringBuilder();

    private ControlParagraphs(CappedWarnings warnings) {
        this.warnings = warnings;
    }

    static List<Paragraph> parse(String text, CappedWarnings warnings) {
        ControlParagraphs parser = new ControlParagraphs(warnings);
        int lineNo = 0;
        int pos = 0;
        while (pos <= text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            parser.line(text.substring(pos, end), ++lineNo);
            pos = end + 1;
        }
        parser.endParagraph();
        return parser.paragraphs;
    }

    private void line(String line, int lineNo) {
        if (line.isBlank()) {
            endParagraph();
            return;
        }
        if (fields.isEmpty() && field == null) {
            start = lineNo;
        }
        char c = line.charAt(0);
        if (c == ' ' || c == '\t') {
            if (field == null) {
                warnings.add("line %d: continuation line outside a field".formatted(lineNo));
            } else {
                value.append('\n').append(line.strip());
            }
            return;
        }
        endField();
        int colon = line.indexOf(':');
        if (colon <= 0) {
            warnings.add("line %d: not a 'Field: value' line".formatted(lineNo));
        } else if (fields.size() >= MAX_FIELDS) {
            warnings.add("line %d: over %d fields in the record at line %d; field left out"
                    .formatted(lineNo, MAX_FIELDS, start));
        } else {
            field = line.substring(0, colon);
            value.append(line.substring(colon + 1).strip());
        }
    }

    private void endField() {
        if (field != null) {
            fields.put(field, value.toString());
            field = null;
        }
        value.setLength(0);
    }

    private void endParagraph() {
        endField();
        if (!fields.isEmpty()) {
            paragraphs.add(new Paragraph(start, fields));
            fields = newFields();
        }
    }

    private static Map<String, String> newFields() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }
}
