package dev.bulwark.scanner.report;

import dev.bulwark.core.io.Printable;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/** Rows of text written as aligned columns, two spaces apart, for the human reports. */
public final class AlignedRows {

    private AlignedRows() {}

    /**
     * Writes the rows (the first is the header), each column as wide as its widest cell, control characters
     * escaped: a cell from an image must not forge rows or drive the terminal.
     */
    public static void write(List<String[]> raw, Writer out) throws IOException {
        List<String[]> rows = raw.stream().map(r -> Arrays.stream(r).map(Printable::of).toArray(String[]::new))
                .toList();
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (String[] row : rows) {
            line.setLength(0);
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]);
                if (c < row.length - 1) {
                    line.append(" ".repeat(widths[c] - row[c].length() + 2));
                }
            }
            out.write(line.toString().stripTrailing());
            out.write('\n');
        }
    }

    /** Text on one line, cut to {@code max} characters with an ellipsis. */
    public static String oneLine(String text, int max) {
        String flat = Printable.of(text.replaceAll("\\s+", " ").strip());
        return flat.length() > max ? flat.substring(0, max - 3) + "..." : flat;
    }
}
