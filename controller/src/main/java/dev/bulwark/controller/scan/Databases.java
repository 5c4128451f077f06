package dev.bulwark.controller.scan;

import dev.bulwark.link.proto.Database;
import java.util.Optional;

/**
 * The newest vulnerability database any scanner has brought since this controller started; what should be scanned
 * again when a newer one replaces it is told.
 */
public final class Databases {

    private final java.util.List<Runnable> onUpdate = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Database newest;

    /** Notes a scanner's database; true when it is newer than every one seen before. */
    boolean newer(Database db) {
        boolean replaced;
        synchronized (this) {
            if (newest != null && db.getBuilt().compareTo(newest.getBuilt()) <= 0) {
                return false;
            }
            replaced = newest != null;
            newest = db;
        }
        if (replaced) {
            onUpdate.forEach(Runnable::run);
        }
        return true;
    }

    /** Runs {@code rescan} each time a newer database replaces the newest before it. */
    public void onUpdate(Runnable rescan) {
        onUpdate.add(rescan);
    }

    public synchronized Optional<Database> newest() {
        return Optional.ofNullable(newest);
    }
}
