package dev.bulwark.scanner.index;

/** A file an analyzer asked for could not be read at all; the message names the file and what is wrong. */
public final class AnalysisException extends Exception {

    public AnalysisException(String message) {
        super(message);
    }

    public AnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
