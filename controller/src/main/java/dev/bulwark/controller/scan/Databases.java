package dev.bulwark.controller.scan;

import dev.bulwark.link.proto.Database;
import java.util.Optional;

/** The newest vulnerability database any scanner has brought since this controller started. */
public final class Databases {

    private Database newest;

    /** Notes a scanner's database; true when it is newer than every one seen before. */
    synchronized boolean newer(Database db) {
        if (newest != null && db.getBuilt().compareTo(newest.getBuilt()) <= 0) {
            return false;
        }
        newest = db;
        return true;
    }

    public synchronized Optional<Database> newest() {
        return Optional.ofNullable(newest);
    }
}
