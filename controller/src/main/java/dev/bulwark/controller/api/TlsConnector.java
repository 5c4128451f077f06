package dev.bulwark.controller.api;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The controller's HTTPS listeners (the REST API and the admission webhook): TLS 1.3 and 1.2 only, no server version,
 * a minimum body data rate, and {@link SlowClients} against clients that drip their headers or open too many
 * connections.
 */
public final class TlsConnector {

    /** A request body that comes slower than this is cut off (a client dripping its upload). */
    public static final long MIN_BODY_BYTES_PER_SECOND = 1024;

    private TlsConnector() {}

    /** A connector on {@code listen}'s address with its key store, over {@code http}'s settings. */
    public static Connector create(Server server, HttpConfiguration http, ApiServer.Listen listen) {
        return create(server, http, listen, SlowClients.PER_ADDRESS);
    }

    /**
     * A connector as {@link #create(Server, HttpConfiguration, ApiServer.Listen)} makes, letting one address keep
     * {@code connectionsPerAddress} connections open (a server with one busy client, such as the API server).
     */
    public static Connector create(Server server, HttpConfiguration http, ApiServer.Listen listen,
            int connectionsPerAddress) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(listen.keyStore());
        ssl.setKeyStorePassword(new String(listen.keyStorePassword()));
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(http);
        https.setSendServerVersion(false);
        https.addCustomizer(new SecureRequestCustomizer(false));
        https.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(listen.host());
        connector.setPort(listen.port());
        SlowClients slow = new SlowClients(connector.getScheduler(), connectionsPerAddress);
        connector.addBean(slow);
        connector.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                slow.start();
            }
        });
        return connector;
    }
}
