package dev.bulwark.scanner.layer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Sees regular files as their layer streams past, for analysis that reads one file at a time (jars, lock files,
 * binaries, secrets) and so needs no body kept in memory.
 */
public interface FileVisitor {

    FileVisitor NONE = new FileVisitor() {
        @Override
        public boolean wants(String path, int mode, long size) {
            return false;
        }

        @Override
        public void visit(String path, int mode, long size, int layer, InputStream body) {}
    };

    /** Pure and cheap: asked for every regular file. */
    boolean wants(String path, int mode, long size);

    /**
     * Reads what it needs of one wanted file; {@code body} ends with the file and must not be closed.
     *
     * @param layer index of the layer, bottom 0
     * @throws IOException only when the body itself cannot be read (a truncated layer)
     */
    void visit(String path, int mode, long size, int layer, InputStream body) throws IOException;
}
