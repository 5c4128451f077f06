package dev.bulwark.enforcer.network.flow;

/** Bytes from the kernel or the wire that do not hold what they claim: the message is skipped and counted. */
final class MalformedMessageException extends RuntimeException {

    MalformedMessageException(String message) {
        super(message);
    }
}
