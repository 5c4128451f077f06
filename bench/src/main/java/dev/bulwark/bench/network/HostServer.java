package dev.bulwark.bench.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A server on the host's bridge address, each connection served on a virtual thread: {@link #firstByte} writes one
 * byte and closes (the server closes first, so the clients in the namespaces keep no TIME_WAIT), {@link #sink} reads
 * until the client's end of stream and answers with the byte count, so that a sender's clock stops when the last
 * byte has arrived.
 */
final class HostServer implements AutoCloseable {

    private interface Handler {
        void serve(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread acceptor;

    private HostServer(InetSocketAddress address, Handler handler) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address, 4096);
        acceptor = Thread.ofPlatform().daemon().name("bench-accept-" + server.getLocalPort()).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.submit(() -> {
                        try (socket) {
                            handler.serve(socket);
                        }
                        return null;
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    /** On {@code port}, 0 for any free one. */
    static HostServer firstByte(InetAddress address, int port) throws IOException {
        return new HostServer(new InetSocketAddress(address, port), socket -> {
            OutputStream out = socket.getOutputStream();
            out.write('!');
            out.flush();
        });
    }

    static HostServer sink(InetAddress address) throws IOException {
        return new HostServer(new InetSocketAddress(address, 0), socket -> {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1 << 20];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0;) {
                total += n;
            }
            socket.getOutputStream().write(ByteBuffer.allocate(Long.BYTES).putLong(total).array());
        });
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
