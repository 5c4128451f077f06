package dev.bulwark.enforcer.network.app;

/** Which way bytes of a conversation travel. */
public enum Direction {
    /** From the side that opened the conversation (sent the SYN, or the first datagram). */
    TO_SERVER,
    /** From the side that accepted it. */
    TO_CLIENT
}
