package dev.bulwark.enforcer.scan;

/** A bound of {@link RootFileLimits} that a collection reached: what it holds is then incomplete. */
public enum Bound {
    /** Files were left out because the total budget was spent. */
    BUDGET,
    /** Files over the per-file cap were left out. */
    FILE_SIZE,
    /** The walk stopped at the entry cap. */
    ENTRIES,
    /** Directories below the depth cap were not walked. */
    DEPTH,
    /** The time budget ran out: the collection stopped there. */
    TIME
}
