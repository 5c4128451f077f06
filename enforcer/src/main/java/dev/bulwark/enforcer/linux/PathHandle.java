package dev.bulwark.enforcer.linux;

import java.nio.file.Path;

/**
 * An {@code O_PATH} descriptor taken by {@link PathHandles}: names one file without having opened it. Belongs to the
 * thread of its {@code PathHandles}; closing twice is harmless.
 */
public final class PathHandle implements AutoCloseable {

    private final PathHandles owner;
    private int fd;

    PathHandle(PathHandles owner, int fd) {
        this.owner = owner;
        this.fd = fd;
    }

    int fd() {
        if (fd < 0) {
            throw new IllegalStateException("closed");
        }
        return fd;
    }

    /**
     * A path that opens this very file, whatever has happened to its name since ({@code /proc/self/fd/N}, which the
     * kernel follows to the file and does not look up again). Open it only once {@link PathHandles#id} has shown
     * what the file is: opening a FIFO blocks, opening a device calls its driver. Valid while this handle is open.
     */
    public Path reopenPath() {
        return Path.of("/proc/self/fd/" + fd());
    }

    @Override
    public void close() {
        if (fd >= 0) {
            owner.close(fd);
            fd = -1;
        }
    }
}
