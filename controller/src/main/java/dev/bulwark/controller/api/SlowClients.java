package dev.bulwark.controller.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Keeps slow and greedy clients from holding the server: a request whose headers are not all in within
 * {@link #HEADER_TIME} has its connection closed (the idle timeout alone restarts with every byte, so one header
 * line every few seconds would hold a connection for ever), and one address keeps at most {@link #PER_ADDRESS}
 * connections open (or as many as its connector allows). Added to a connector as a bean, it sees every connection the connector opens.
 */
final class SlowClients implements Connection.Listener {

    static final Duration HEADER_TIME = Duration.ofSeconds(10);
    static final int PER_ADDRESS = 64;
    private static final long SWEEP_MILLIS = 1_000;

    private final Scheduler scheduler;
    private final int perAddress;
    private final Map<HttpConnection, Long> headersSince = new ConcurrentHashMap<>();
    private final Map<InetAddress, AtomicInteger> connections = new ConcurrentHashMap<>();
    /** The address each counted connection was counted under: a closed socket no longer says. */
    private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    SlowClients(Scheduler scheduler) {
        this(scheduler, PER_ADDRESS);
    }

    /** @param perAddress the connections one address may keep open */
    SlowClients(Scheduler scheduler, int perAddress) {
        this.scheduler = scheduler;
        this.perAddress = perAddress;
    }

    /** Starts looking at the connections once a second, until the connector's scheduler stops. */
    void start() {
        try {
            scheduler.schedule(() -> {
                sweep(System.nanoTime());
                start();
            }, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // the server stopped
        }
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            headersSince.put(http, Long.MAX_VALUE);
        }
        address(connection).ifPresent(a -> {
            counted.put(connection, a);
            if (connections.computeIfAbsent(a, k -> new AtomicInteger()).incrementAndGet() > perAddress) {
                connection.getEndPoint().close();
            }
        });
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof HttpConnection http) {
            headersSince.remove(http);
        }
        InetAddress a = counted.remove(connection);
        if (a != null) {
            connections.computeIfPresent(a, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        }
    }

    /** The client's address, for the connection on the socket itself (under TLS, not the one inside it). */
    private static java.util.Optional<InetAddress> address(Connection connection) {
        return connection.getEndPoint() instanceof SocketChannelEndPoint socket
                && socket.getRemoteSocketAddress() instanceof InetSocketAddress remote
                ? java.util.Optional.ofNullable(remote.getAddress()) : java.util.Optional.empty();
    }

    /** Closes every connection that has been reading a request's headers for longer than {@link #HEADER_TIME}. */
    void sweep(long now) {
        headersSince.replaceAll((http, since) -> {
            HttpParser parser = http.getParser();
            if (!parser.inHeaderState() || parser.isStart()) {
                return Long.MAX_VALUE; // between requests (the idle timeout's business) or past the headers
            }
            if (since == Long.MAX_VALUE) {
                return now;
            }
            if (now - since > HEADER_TIME.toNanos()) {
                http.getEndPoint().close();
            }
            return since;
        });
    }
}
