package dev.bulwark.enforcer.network.nft;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TCP server on the host, bound to one address: greets each connection with {@code hello PORT}, then closes it,
 * or, when it holds connections, keeps it in {@link #accepted()} for a test to write more.
 */
final class HostServer implements AutoCloseable {

    private final ServerSocket socket;
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();

    private final boolean hold;

    HostServer(String address, boolean hold) throws IOException {
        this.hold = hold;
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.ofLiteral(address), 0));
        Thread.ofVirtual().start(this::serve);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** What a client reads first. */
    String greeting() {
        return "hello " + port();
    }

    BlockingQueue<Socket> accepted() {
        return accepted;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                client.getOutputStream().write((greeting() + "\n").getBytes(UTF_8));
                client.getOutputStream().flush();
                if (hold) {
                    accepted.add(client);
                } else {
                    client.close();
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket client : accepted) {
            client.close();
        }
    }
}
