package dev.bulwark.link;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * One side's sending end of a session stream: sends are serialised (gRPC streams are not thread-safe), and a
 * stream that failed or was cut takes nothing more.
 */
public final class Outbound<T> {
    private final StreamObserver<T> stream;
    private boolean closed;

    public Outbound(StreamObserver<T> stream) {
        this.stream = stream;
    }

    /** Sends a message; false when the stream is closed. */
    public synchronized boolean send(T message) {
        if (closed) {
            return false;
        }
        try {
            stream.onNext(message);
            return true;
        } catch (RuntimeException e) {
            closed = true;
            return false;
        }
    }

    /** Ends the stream with a status; a stream ended already stays as it was. */
    public synchronized void cut(Status why) {
        if (!closed) {
            closed = true;
            try {
                if (why.isOk()) {
                    stream.onCompleted();
                } else {
                    stream.onError(why.asRuntimeException());
                }
            } catch (RuntimeException e) {
                // the stream was cancelled meanwhile: it is cut already
            }
        }
    }
}
