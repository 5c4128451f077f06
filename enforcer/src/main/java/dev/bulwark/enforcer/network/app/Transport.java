package dev.bulwark.enforcer.network.app;

/** The transport of a conversation: a TCP byte stream, or UDP datagrams. */
public enum Transport {
    TCP,
    UDP
}
