package dev.bulwark.enforcer.network.flow;

/**
 * What a {@link FlowObserver} has counted since it started.
 *
 * @param events conntrack events and dumped entries read
 * @param packets NFLOG packets read
 * @param overflows times a socket's receive buffer overflowed ({@code ENOBUFS}): events or packets were lost
 * @param rescans conntrack dumps made because events were lost
 * @param dropped connections not tracked, or not classified, and conversations not summed, because a cap was
 *        reached (connections or classifiers of a namespace, conversations between drains)
 * @param malformed messages and packets skipped because they did not hold what they claimed
 * @param vanished namespaces detached because they no longer existed
 */
public record FlowStatistics(long events, long packets, long overflows, long rescans, long dropped, long malformed,
        long vanished) {
}
