package dev.bulwark.link;

import dev.bulwark.core.error.InvalidInputException;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.util.concurrent.TimeUnit;

/** Channels to a controller's link port. */
public final class Channels {

    private Channels() {}

    /** A channel to {@code HOST:PORT} (the port defaults to 18400) over the given TLS. */
    public static ManagedChannel to(String address, SslContext tls) {
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        int port = Ports.CONTROLLER;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("a controller address is HOST:PORT, not " + address);
            }
        }
        if (host.isEmpty() || port <= 0 || port > 65535) {
            throw new InvalidInputException("a controller address is HOST:PORT, not " + address);
        }
        return NettyChannelBuilder.forAddress(host.replaceAll("^\\[|\\]$", ""), port).sslContext(tls)
                .overrideAuthority(LinkTls.AUTHORITY).maxInboundMessageSize(Ports.MAX_MESSAGE)
                .keepAliveTime(30, TimeUnit.SECONDS).keepAliveTimeout(10, TimeUnit.SECONDS).build();
    }
}
