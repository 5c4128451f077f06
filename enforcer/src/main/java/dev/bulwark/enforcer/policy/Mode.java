package dev.bulwark.enforcer.policy;

/** A group's process and file mode, by NeuVector's names. */
public enum Mode {
    /** Learns what runs as allow rules; blocks nothing. */
    Discover,
    /** Reports what the profile does not allow. */
    Monitor,
    /** Stops what the profile does not allow, and reports it. */
    Protect
}
