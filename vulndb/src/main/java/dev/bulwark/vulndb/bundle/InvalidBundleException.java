package dev.bulwark.vulndb.bundle;

import java.io.IOException;

/** A database file that cannot be used: not a bundle, damaged, of a newer schema, unsigned or wrongly signed. */
public final class InvalidBundleException extends IOException {

    public InvalidBundleException(String message) {
        super(message);
    }

    public InvalidBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
