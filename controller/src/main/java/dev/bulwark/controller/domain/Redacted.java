package dev.bulwark.controller.domain;

import java.util.Optional;

/**
 * A record holding secrets that a backup leaves out. Restoring such a record keeps the stored secrets where the
 * backup left them out.
 */
public interface Redacted<T> {

    /** The record as a backup holds it: secrets blanked. */
    T redacted();

    /** This record, restored from a backup, with the secrets it left out taken from the stored record. */
    T restoredOver(Optional<T> stored);
}
