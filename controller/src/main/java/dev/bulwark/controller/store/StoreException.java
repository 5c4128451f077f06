package dev.bulwark.controller.store;

/** The store cannot do what it was asked: a disk error, a closed store. Nothing was changed. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
