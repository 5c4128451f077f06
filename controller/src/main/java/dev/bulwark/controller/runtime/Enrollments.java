package dev.bulwark.controller.runtime;

import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.tls.InternalCa;
import dev.bulwark.link.Identity;
import dev.bulwark.link.JoinToken;
import dev.bulwark.link.Role;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
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
 * and the enforcers and scanners that joined, each with the serial of the certificate it was given. One token lets
 * in either; a certificate is good for its role's service only. Deleting a member revokes its certificate: its
 * session is cut and it cannot connect again. Events name enforcers {@code Agent.*}, as NeuVector does, and
 * scanners {@code Scanner.*}.
 */
public final class Enrollments {

    /** A join token as stored: never its secret. */
    public record StoredToken(String id, String secretHash, String createdBy, long createdAt, long expiresAt) {}

    /** An enforcer or a scanner that joined. */
    public record Member(String id, String node, String serial, long joinedAt) {}

    public static final Kind<StoredToken> TOKEN = Kind.internal("object/runtime/join_token/", StoredToken.class,
            "Join token");
    public static final Kind<Member> ENFORCER = Kind.internal("object/runtime/enforcer/", Member.class, "Enforcer");
    public static final Kind<Member> SCANNER = Kind.internal("object/runtime/scanner/", Member.class, "Scanner");
    static final int CERTIFICATE_DAYS = 365;
    static final Duration SHORTEST_TOKEN = Duration.ofMinutes(1);
    static final Duration LONGEST_TOKEN = Duration.ofDays(30);

    /** What a successful join hands back. */
    public record Joined(String id, X509Certificate certificate) {}

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
    public Joined join(String tokenText, String node, byte[] publicKey, String peerAddress, Role role) {
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
            return issue(role, node, key(publicKey), peerAddress);
        } catch (RuntimeException e) {
            var record = events.newRecord(eventPrefix(role) + ".Join.Denied", "Warning");
            record.put("host_name", node == null ? "" : node);
            record.put("message", "%s from %s refused: %s".formatted(noun(role), peerAddress, e.getMessage()));
            events.add(record);
            throw e instanceof SecurityException ? e : refused(e.getMessage());
        }
    }

    /** The identity of an enforcer or scanner started by this controller itself ({@code allinone}): no token. */
    public Identity issueLocal(Role role, String node) {
        KeyPair keys = Identity.newKey();
        Joined joined = issue(role, node, keys.getPublic(), "local");
        return new Identity(joined.id(), keys.getPrivate(), joined.certificate(), ca.certificate());
    }

    private Joined issue(Role role, String node, PublicKey key, String peerAddress) {
        if (node == null || node.isBlank() || node.length() > 253) {
            throw refused("a node name is 1 to 253 characters");
        }
        String id = HexFormat.of().formatHex(InternalCa.serial().toByteArray(), 0, 8);
        BigInteger serial = InternalCa.serial();
        X509Certificate cert = ca.client(key, id, serial, CERTIFICATE_DAYS);
        records.create(kind(role), id, new Member(id, node, serial.toString(16), clock.instant().getEpochSecond()));
        var record = events.newRecord(eventPrefix(role) + ".Join", "Info");
        record.put(role == Role.ENFORCER ? "enforcer_id" : "scanner_id", id);
        record.put("host_name", node);
        record.put("message", "%s %s on %s joined from %s".formatted(noun(role), id, node, peerAddress));
        events.add(record);
        return new Joined(id, cert);
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The member of a role a certificate was issued to, unless it was revoked since. */
    public Optional<Member> holder(Role role, X509Certificate cert) {
        String cn = cert.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        return records.find(kind(role), cn).filter(e -> e.serial().equals(cert.getSerialNumber().toString(16)));
    }

    /**
     * Records a session refused for its certificate (revoked, never issued here, or for another role), at most once
     * a minute per certificate subject, as a member whose certificate was revoked keeps trying.
     */
    public void refused(Role role, Optional<X509Certificate> cert, String peerAddress) {
        String subject = cert.map(c -> c.getSubjectX500Principal().getName()).orElse("no certificate");
        long now = clock.instant().getEpochSecond();
        Long last = lastRefusal.put(subject, now);
        if (last != null && now - last < 60) {
            return;
        }
        if (lastRefusal.size() > 1024) {
            lastRefusal.clear();
        }
        var record = events.newRecord(eventPrefix(role) + ".Connect.Denied", "Warning");
        record.put("message", "A session from %s was refused: %s is not a joined %s's certificate"
                .formatted(peerAddress, subject, role.wire()));
        events.add(record);
    }

    public Optional<Member> member(Role role, String id) {
        return records.find(kind(role), id);
    }

    public List<Member> members(Role role) {
        return records.list(kind(role));
    }

    /** Forgets a member: its certificate is no longer accepted. */
    public void revoke(Role role, String id) {
        records.delete(kind(role), id);
    }

    private static Kind<Member> kind(Role role) {
        return role == Role.ENFORCER ? ENFORCER : SCANNER;
    }

    private static String eventPrefix(Role role) {
        return role == Role.ENFORCER ? "Agent" : "Scanner";
    }

    private static String noun(Role role) {
        return role == Role.ENFORCER ? "Enforcer" : "Scanner";
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
