package dev.bulwark.controller.runtime;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.tls.InternalCa;
import dev.bulwark.link.JoinToken;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Who may join: join tokens an administrator creates (the controller keeps a hash of each secret and its expiry),
 * and the enforcers that joined, each with the serial of the certificate it was given. Deleting an enforcer
 * revokes its certificate: its session is cut and it cannot connect again.
 */
public final class Enrollments {

    /** A join token as stored: never its secret. */
    public record StoredToken(String id, String secretHash, String createdBy, long createdAt, long expiresAt) {}

    /** An enforcer that joined. */
    public record StoredEnforcer(String id, String node, String serial, long joinedAt) {}

    public static final Kind<StoredToken> TOKEN = Kind.internal("object/runtime/join_token/", StoredToken.class,
            "Join token");
    public static final Kind<StoredEnforcer> ENFORCER = Kind.internal("object/runtime/enforcer/",
            StoredEnforcer.class, "Enforcer");
    static final int CERTIFICATE_DAYS = 365;
    static final Duration SHORTEST_TOKEN = Duration.ofMinutes(1);
    static final Duration LONGEST_TOKEN = Duration.ofDays(30);

    /** What a successful join hands back. */
    public record Joined(String enforcerId, X509Certificate certificate) {}

    private final Records records;
    private final InternalCa.Authority ca;
    private final EventLog events;
    private final InstantSource clock;
    private final java.util.Map<String, Long> lastRefusal = new java.util.concurrent.ConcurrentHashMap<>();

    public Enrollments(Records records, InternalCa.Authority ca, EventLog events, InstantSource clock) {
        this.records = records;
        this.ca = ca;
        this.events = events;
        this.clock = clock;
    }

    /** A new token, valid for {@code validFor} (at most 30 days). */
    public JoinToken createToken(String user, Duration validFor) {
        if (validFor.compareTo(SHORTEST_TOKEN) < 0 || validFor.compareTo(LONGEST_TOKEN) > 0) {
            throw ApiException.badRequest("A join token is valid for 1 minute to 30 days");
        }
        JoinToken token = JoinToken.create(ca.certificate());
        long now = clock.instant().getEpochSecond();
        records.create(TOKEN, token.id(), new StoredToken(token.id(), token.secretHash(), user, now,
                now + validFor.toSeconds()));
        return token;
    }

    public List<StoredToken> tokens() {
        return records.list(TOKEN);
    }

    public void deleteToken(String id) {
        records.delete(TOKEN, id);
    }

    /**
     * Trades a valid token for a certificate of the node's key. A token that is unknown, expired, for another CA,
     * or whose secret is wrong is refused, and the refusal recorded as an event.
     */
    public Joined join(String tokenText, String node, byte[] publicKey, String peerAddress) {
        try {
            JoinToken token = JoinToken.parse(tokenText);
            Optional<StoredToken> stored = records.find(TOKEN, token.id());
            long now = clock.instant().getEpochSecond();
            if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().secretHash().getBytes(),
                    token.secretHash().getBytes()) || !token.caPin().equals(JoinToken.pin(ca.certificate()))) {
                throw refused("unknown join token");
            }
            if (stored.get().expiresAt() <= now) {
                throw refused("the join token expired");
            }
            return issue(node, key(publicKey), peerAddress);
        } catch (RuntimeException e) {
            var record = events.newRecord("Agent.Join.Denied", "Warning");
            record.put("host_name", node == null ? "" : node);
            record.put("message", "Enforcer from %s refused: %s".formatted(peerAddress, e.getMessage()));
            events.add(record);
            throw e instanceof SecurityException ? e : refused(e.getMessage());
        }
    }

    /** A certificate for an enforcer started by this controller itself ({@code allinone}): no token. */
    public Joined issueLocal(String node, PublicKey key) {
        return issue(node, key, "local");
    }

    private Joined issue(String node, PublicKey key, String peerAddress) {
        if (node == null || node.isBlank() || node.length() > 253) {
            throw refused("a node name is 1 to 253 characters");
        }
        String id = HexFormat.of().formatHex(InternalCa.serial().toByteArray(), 0, 8);
        BigInteger serial = InternalCa.serial();
        X509Certificate cert = ca.client(key, id, serial, CERTIFICATE_DAYS);
        records.create(ENFORCER, id, new StoredEnforcer(id, node, serial.toString(16), clock.instant()
                .getEpochSecond()));
        var record = events.newRecord("Agent.Join", "Info");
        record.put("enforcer_id", id);
        record.put("host_name", node);
        record.put("message", "Enforcer %s on %s joined from %s".formatted(id, node, peerAddress));
        events.add(record);
        return new Joined(id, cert);
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The enforcer a certificate was issued to, unless it was revoked since. */
    public Optional<StoredEnforcer> holder(X509Certificate cert) {
        String cn = cert.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        return records.find(ENFORCER, cn).filter(e -> e.serial().equals(cert.getSerialNumber().toString(16)));
    }

    /**
     * Records a session refused for its certificate (revoked, or never issued here), at most once a minute per
     * certificate subject, as an enforcer whose certificate was revoked keeps trying.
     */
    public void refused(Optional<X509Certificate> cert, String peerAddress) {
        String subject = cert.map(c -> c.getSubjectX500Principal().getName()).orElse("no certificate");
        long now = clock.instant().getEpochSecond();
        Long last = lastRefusal.put(subject, now);
        if (last != null && now - last < 60) {
            return;
        }
        if (lastRefusal.size() > 1024) {
            lastRefusal.clear();
        }
        var record = events.newRecord("Agent.Connect.Denied", "Warning");
        record.put("message", "A session from %s was refused: %s is not a joined enforcer's certificate"
                .formatted(peerAddress, subject));
        events.add(record);
    }

    public Optional<StoredEnforcer> enforcer(String id) {
        return records.find(ENFORCER, id);
    }

    public List<StoredEnforcer> enforcers() {
        return records.list(ENFORCER);
    }

    /** Forgets an enforcer: its certificate is no longer accepted. */
    public void revoke(String id) {
        records.delete(ENFORCER, id);
    }

    private static PublicKey key(byte[] der) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            if (!(key instanceof java.security.interfaces.ECPublicKey ec)
                    || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw refused("the node's key is not an EC P-256 key");
            }
            return key;
        } catch (java.security.GeneralSecurityException e) {
            throw refused("the node's public key cannot be read");
        }
    }

    private static SecurityException refused(String why) {
        return new SecurityException(why);
    }
}
