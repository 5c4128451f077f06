package dev.bulwark.enforcer.scan;

/** Why a wanted file is not in the tar. */
public enum SkipReason {
    /** Reaching it would take a {@code ..} above the root. */
    OUTSIDE_ROOT,
    /** More symbolic links than the kernel itself follows in one lookup. */
    LINK_LOOP,
    /** A FIFO, socket, device or directory where a file was wanted: never opened. */
    NOT_REGULAR,
    /** Over the per-file cap. */
    TOO_LARGE,
    /** Over what was left of the total budget. */
    OVER_BUDGET,
    /** Its size or change time moved while it was read. */
    CHANGED,
    /** Found by the walk, gone (or no longer a file) when its turn came. */
    VANISHED,
    /** The system refused it (errno in the detail) or reading it failed. */
    UNREADABLE,
    /** A directory below the depth cap: not walked. */
    TOO_DEEP,
    /** The time budget ran out while it was being read. */
    OUT_OF_TIME
}
