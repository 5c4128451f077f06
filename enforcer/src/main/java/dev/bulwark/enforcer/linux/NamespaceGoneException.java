package dev.bulwark.enforcer.linux;

import java.nio.file.Path;

/** A namespace that no longer exists, or no longer is the one asked for: its process exited, its mount went. */
public final class NamespaceGoneException extends RuntimeException {

    NamespaceGoneException(Path path, String why) {
        super("namespace " + path + " is gone: " + why);
    }

    /** This exception when {@code e} says the path is gone (ENOENT, ESRCH), else {@code e}. */
    static RuntimeException orRethrow(Path path, LinuxException e) {
        return e.errno() == Libc.ENOENT || e.errno() == Libc.ESRCH ? new NamespaceGoneException(path, e.getMessage())
                : e;
    }
}
