package dev.bulwark.enforcer.network.app;

/**
 * Recognises one application (or one family, as HTTP/2 and gRPC) from the first bytes of a conversation. Asked again
 * each time bytes arrive, with everything kept so far; it must be pure, bounded by the bytes it is shown, and never
 * throw, whatever the bytes.
 */
interface AppRecogniser {

    /** The NeuVector application name it reports (the first, for a family). */
    String name();

    Recognition recognise(Exchange exchange);
}
