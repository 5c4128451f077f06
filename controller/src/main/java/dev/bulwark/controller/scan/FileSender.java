package dev.bulwark.controller.scan;

import com.google.protobuf.ByteString;
import dev.bulwark.link.proto.Chunk;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends a file down a server stream in chunks of {@link #CHUNK}, as fast as the receiver takes them: a chunk is read
 * only when the stream is ready for it, so a slow scanner never makes the controller hold the file in memory.
 */
final class FileSender implements Runnable {

    static final int CHUNK = 1 << 20;

    private final ServerCallStreamObserver<Chunk> out;
    private final InputStream in;
    private boolean done;

    private FileSender(ServerCallStreamObserver<Chunk> out, InputStream in) {
        this.out = out;
        this.in = in;
    }

    static void send(Path file, ServerCallStreamObserver<Chunk> out) throws IOException {
        FileSender sender = new FileSender(out, Files.newInputStream(file));
        out.setOnCancelHandler(sender::close);
        out.setOnReadyHandler(sender);
    }

    @Override
    public synchronized void run() {
        try {
            while (!done && out.isReady()) {
                byte[] data = in.readNBytes(CHUNK);
                if (data.length == 0) {
                    close();
                    out.onCompleted();
                    return;
                }
                out.onNext(Chunk.newBuilder().setData(ByteString.copyFrom(data)).build());
            }
        } catch (IOException e) {
            close();
            out.onError(Status.INTERNAL.withDescription("the files cannot be read: " + e.getMessage())
                    .asRuntimeException());
        }
    }

    private synchronized void close() {
        done = true;
        try {
            in.close();
        } catch (IOException e) {
            // nothing more is sent either way
        }
    }
}
