package dev.bulwark.link;

import com.google.protobuf.ByteString;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.link.proto.EnrollmentGrpc;
import dev.bulwark.link.proto.JoinReply;
import dev.bulwark.link.proto.JoinRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An enforcer's or a scanner's identity on the link: its id, its key (made where it runs, never sent), the
 * certificate the controller issued for it, and the controller's CA. Kept in a directory of its own, the key
 * readable by its owner only.
 */
public record Identity(String id, PrivateKey key, X509Certificate certificate, X509Certificate ca) {

    private static final String KEY = "key.pem";
    private static final String CERT = "cert.pem";
    private static final String CA = "ca.pem";
    private static final String ID = "id";
    /** Where an enforcer kept its id before scanners joined too. */
    private static final String OLD_ID = "enforcer-id";

    /** The identity kept in {@code dir}, if one was. */
    public static Optional<Identity> load(Path dir) {
        Path idFile = Files.exists(dir.resolve(ID)) ? dir.resolve(ID) : dir.resolve(OLD_ID);
        if (!Files.exists(idFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Identity(Files.readString(idFile, StandardCharsets.US_ASCII).strip(),
                    Pem.privateKey(dir.resolve(KEY)), Pem.certificates(dir.resolve(CERT)).getFirst(),
                    Pem.certificates(dir.resolve(CA)).getFirst()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the link identity in %s cannot be read (%s); remove the directory and"
                    + " join again".formatted(dir, e.getMessage()), e);
        }
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Pem.write(dir.resolve(KEY), key);
            Pem.write(dir.resolve(CERT), List.of(certificate));
            Pem.write(dir.resolve(CA), List.of(ca));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        dev.bulwark.core.io.AtomicFiles.write(dir.resolve(ID), id.getBytes(StandardCharsets.US_ASCII),
                dev.bulwark.core.io.AtomicFiles.PUBLIC);
    }

    /**
     * The identity kept in {@code dir}; else {@code given}, or one had by joining {@code controller} with the token;
     * either is kept in {@code dir} for the next start.
     *
     * @throws InvalidInputException when there is none and no token to join with, or the join fails
     */
    public static Identity obtain(Path dir, Optional<Identity> given, String controller, Optional<String> token,
            String node, Role role) {
        Optional<Identity> kept = load(dir);
        if (kept.isPresent()) {
            return kept.get();
        }
        Identity id = given.orElseGet(() -> join(controller, JoinToken.parse(token.orElseThrow(() ->
                new InvalidInputException("this %s has not joined %s yet: give --join-token (bulwark enforcer-token"
                        .formatted(role.wire(), controller) + " create, or POST /v1/enforcer/join_token)"))),
                node, role));
        try {
            id.save(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the link identity in " + dir, e);
        }
        return id;
    }

    /** A new EC P-256 key pair. */
    public static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Joins the controller at {@code address} with a token, in a role: a new key, whose certificate the controller
     * signs.
     *
     * @throws InvalidInputException when the controller refuses the token, cannot be reached, or is not the one
     *     the token pins
     */
    public static Identity join(String address, JoinToken token, String node, Role role) {
        KeyPair keys = newKey();
        ManagedChannel channel = Channels.to(address, LinkTls.joining(token.caPin()));
        try {
            JoinReply reply = EnrollmentGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .join(JoinRequest.newBuilder().setToken(token.toString()).setNode(node).setRole(role.wire())
                            .setPublicKey(ByteString.copyFrom(keys.getPublic().getEncoded())).build());
            X509Certificate cert = Pem.certificate(reply.getCertificate().toByteArray());
            X509Certificate ca = Pem.certificate(reply.getCaCertificate().toByteArray());
            if (!JoinToken.pin(ca).equals(token.caPin()) || !cert.getPublicKey().equals(keys.getPublic())) {
                throw new InvalidInputException("the controller answered with a certificate for another CA or key");
            }
            return new Identity(reply.getEnforcerId(), keys.getPrivate(), cert, ca);
        } catch (StatusRuntimeException e) {
            throw new InvalidInputException("joining %s failed: %s".formatted(address, why(e)));
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("the controller's answer holds no valid certificate");
        } finally {
            channel.shutdownNow();
        }
    }

    /** Why a join failed, in one line: the controller's own words, or what went wrong on the way. */
    private static String why(StatusRuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                return "the controller there is not the one the token was made by (its CA is not the pinned one)";
            }
        }
        String said = e.getStatus().getDescription() == null ? e.getStatus().getCode().toString()
                : e.getStatus().getDescription().lines().findFirst().orElse("");
        return e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE ? "cannot reach it (" + said + ")" : said;
    }

    /** TLS for the link with this identity. */
    public io.grpc.netty.shaded.io.netty.handler.ssl.SslContext tls() {
        return LinkTls.client(key, certificate, ca);
    }
}
