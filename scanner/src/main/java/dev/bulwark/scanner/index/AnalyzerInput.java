package dev.bulwark.scanner.index;

import java.util.List;
import java.util.Optional;

/** The files an analyzer asked for, as they are in one view of the image (all layers applied up to a point). */
public interface AnalyzerInput {

    /** Every wanted file present in the view, sorted by path; symlinks are not listed, their targets are. */
    List<FileContent> files();

    /**
     * One file by path, following symlinks inside the image root (an absolute target is taken from the image
     * root, never from the host). Empty when the path is absent, not wanted, or a symlink loop.
     */
    Optional<FileContent> file(String path);
}
