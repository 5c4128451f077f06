package dev.bulwark.bench.network;

import dev.bulwark.enforcer.linux.NamespaceThread;
import dev.bulwark.enforcer.linux.NetNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side, in one network namespace: its sockets are opened on a {@link NamespaceThread} inside the
 * namespace (a socket belongs to the namespace it was made in) and then used from any thread, so that only the
 * connection itself is timed, never the hop into the namespace.
 */
final class NamespaceClient {

    /** What a connection attempt came to. */
    enum Outcome { FIRST_BYTE, TIMED_OUT, FAILED }

    private final NamespaceThread thread;
    private final NetNamespace namespace;

    NamespaceClient(NamespaceThread thread, NetNamespace namespace) {
        this.thread = thread;
        this.namespace = namespace;
    }

    /** {@code count} unconnected sockets of the namespace. */
    List<SocketChannel> open(int count) {
        return thread.call(namespace, () -> {
            List<SocketChannel> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(SocketChannel.open());
            }
            return out;
        });
    }

    /** Connects {@code channel} to {@code server} and reads the first byte, then closes it. */
    static Outcome firstByte(SocketChannel channel, InetSocketAddress server, int timeoutMillis) {
        try (channel) {
            Socket socket = channel.socket();
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return socket.getInputStream().read() >= 0 ? Outcome.FIRST_BYTE : Outcome.FAILED;
        } catch (SocketTimeoutException e) {
            return Outcome.TIMED_OUT;
        } catch (IOException e) {
            return Outcome.FAILED;
        }
    }

    /** Sends {@code bytes} over one connection to a {@link HostServer#sink}; the nanoseconds until it counted them. */
    long send(InetSocketAddress sink, long bytes, int timeoutMillis) {
        try (SocketChannel channel = open(1).getFirst()) {
            long start = System.nanoTime();
            channel.socket().connect(sink, timeoutMillis);
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
            for (long left = bytes; left > 0;) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), left));
                left -= channel.write(chunk);
            }
            channel.shutdownOutput();
            ByteBuffer answer = ByteBuffer.allocate(Long.BYTES);
            while (answer.hasRemaining() && channel.read(answer) >= 0) {
                // the sink's count
            }
            long elapsed = System.nanoTime() - start;
            if (answer.flip().remaining() != Long.BYTES || answer.getLong() != bytes) {
                throw new IllegalStateException("the sink did not receive all " + bytes + " bytes");
            }
            return elapsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
