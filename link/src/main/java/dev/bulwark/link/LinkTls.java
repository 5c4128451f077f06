package dev.bulwark.link;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;

/**
 * TLS of the link: TLS 1.3, the controller's server certificate named {@link #AUTHORITY} whatever address it is
 * reached at (trust is in the CA, not in a host name), client certificates of the same CA.
 */
public final class LinkTls {

    /** The name every controller's link certificate carries and every client checks. */
    public static final String AUTHORITY = "bulwark-controller";
    private static final String[] PROTOCOLS = {"TLSv1.3"};

    private LinkTls() {}

    /**
     * The controller's side: a client certificate is asked for but not required, so that a node without one can
     * call {@code Enrollment.Join}; every other service checks it ({@link #peer}).
     */
    public static SslContext server(PrivateKey key, X509Certificate[] chain, X509Certificate ca) {
        try {
            return GrpcSslContexts.configure(SslContextBuilder.forServer(key, chain)).protocols(PROTOCOLS)
                    .trustManager(ca).clientAuth(ClientAuth.OPTIONAL).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up the link's TLS: " + e.getMessage(), e);
        }
    }

    /** A node with its certificate: trusts the controller's CA only. */
    public static SslContext client(PrivateKey key, X509Certificate cert, X509Certificate ca) {
        try {
            return GrpcSslContexts.forClient().protocols(PROTOCOLS).keyManager(key, cert).trustManager(ca).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up the link's TLS: " + e.getMessage(), e);
        }
    }

    /** A node joining: trusts a controller whose chain holds the CA the join token pins. */
    public static SslContext joining(String caPin) {
        try {
            return GrpcSslContexts.forClient().protocols(PROTOCOLS).trustManager(new Pinned(caPin)).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up the link's TLS: " + e.getMessage(), e);
        }
    }

    /** The client certificate a call came with, if any. */
    public static Optional<X509Certificate> peer(Attributes transport) {
        SSLSession session = transport.get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return Optional.empty();
        }
        try {
            return Arrays.stream(session.getPeerCertificates()).findFirst()
                    .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast);
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** Trusts a server chain that contains the pinned CA certificate and was signed by it. */
    private record Pinned(String caPin) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            X509Certificate ca = Arrays.stream(chain).filter(c -> JoinToken.pin(c).equals(caPin)).findFirst()
                    .orElseThrow(() -> new CertificateException("the controller's CA is not the one the join token"
                            + " names"));
            try {
                chain[0].verify(ca.getPublicKey());
                chain[0].checkValidity();
            } catch (java.security.GeneralSecurityException e) {
                throw new CertificateException("the controller's certificate is not signed by the pinned CA", e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a joining node trusts servers only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
