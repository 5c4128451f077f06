package dev.bulwark.core.error;

/**
 * The input the user gave cannot be used: a missing file, a corrupt archive, a registry that refuses us. The
 * message is one line meant for the user; the CLI prints it and exits with code 2.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
