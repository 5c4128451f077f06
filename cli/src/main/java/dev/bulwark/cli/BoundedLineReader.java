package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads text lines with a cap on their length, so that input without line breaks cannot exhaust memory. A line
 * over the cap is skipped to its end and reported; the lines after it are still read.
 */
final class BoundedLineReader {

    private final Reader in;
    private final int maxChars;
    private final StringBuilder line = new StringBuilder();
    private long number;

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The number of the line last returned, from 1. */
    long lineNumber() {
        return number;
    }

    /**
     * The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end of the input.
     *
     * @throws InvalidInputException when the line is longer than the cap; the reader is then past that line
     */
    String next() throws IOException {
        line.setLength(0);
        boolean tooLong = false;
        int c = in.read();
        if (c < 0) {
            return null;
        }
        number++;
        while (c >= 0 && c != '\n') {
            if (line.length() < maxChars) {
                line.append((char) c);
            } else {
                tooLong = true;
            }
            c = in.read();
        }
        if (tooLong) {
            throw new InvalidInputException("longer than %d characters".formatted(maxChars));
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }
}
