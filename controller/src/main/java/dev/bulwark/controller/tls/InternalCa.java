package dev.bulwark.controller.tls;

import dev.bulwark.core.io.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The controller's TLS identity. On first start an internal CA (EC P-256, ten years) and a server certificate it
 * signs (two years, for localhost, 127.0.0.1 and this host's name) are written to the data directory as PEM, keys
 * readable by the owner only; later starts reuse them. A user's own certificate and key replace them.
 */
public final class InternalCa {

    public static final String CA_CERT = "ca.pem";
    private static final String CA_KEY = "ca.key";
    private static final String SERVER_CERT = "server.pem";
    private static final String SERVER_KEY = "server.key";
    static final char[] STORE_PASSWORD = "bulwark".toCharArray();

    private InternalCa() {}

    /** The key store holding the server key and chain, created in {@code dir} when absent. */
    public static KeyStore serverKeyStore(Path dir) {
        try {
            Path cert = dir.resolve(SERVER_CERT);
            Path key = dir.resolve(SERVER_KEY);
            if (!Files.exists(cert) || !Files.exists(key)) {
                create(dir);
            }
            return keyStore(cert, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS in %s: %s".formatted(dir, e.getMessage()), e);
        }
    }

    /** A key store from a PEM certificate chain and a PEM key (PKCS#8, or EC/RSA traditional form). */
    public static KeyStore keyStore(Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(certPem)))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(certPem + " holds no certificate");
        }
        PrivateKey key;
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(keyPem)))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            key = switch (o) {
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case null, default -> throw new GeneralSecurityException(keyPem + " holds no private key");
            };
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key, STORE_PASSWORD, chain.toArray(X509Certificate[]::new));
        return store;
    }

    /** The internal CA of the data directory's {@code tls/}, created when absent. */
    public static Authority authority(Path dir) {
        try {
            if (!Files.exists(dir.resolve(CA_CERT)) || !Files.exists(dir.resolve(CA_KEY))) {
                create(dir);
            }
            KeyStore ca = keyStore(dir.resolve(CA_CERT), dir.resolve(CA_KEY));
            return new Authority((X509Certificate) ca.getCertificate("server"),
                    (PrivateKey) ca.getKey("server", STORE_PASSWORD));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the internal CA in %s: %s".formatted(dir, e.getMessage()),
                    e);
        }
    }

    /** The internal CA, which signs the link's certificates: the controller's, and one per enforcer. */
    public record Authority(X509Certificate certificate, PrivateKey key) {

        /** The controller's link identity: a new key and a certificate for {@code name}, valid two years. */
        public KeyStore.PrivateKeyEntry server(String name) {
            return server(name, List.of(name));
        }

        /**
         * A server identity: a new key and a certificate named {@code name} for each of {@code hosts} (DNS names or
         * IP addresses), valid two years.
         */
        public KeyStore.PrivateKeyEntry server(String name, List<String> hosts) {
            try {
                KeyPair keys = ecKeys();
                Instant now = Instant.now();
                X509Certificate cert = sign(new JcaX509v3CertificateBuilder(certificate, serial(),
                        Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(730))),
                        new X500Name("CN=" + name), keys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(hosts.stream()
                                .map(InternalCa::alternativeName).toArray(GeneralName[]::new))), key);
                return new KeyStore.PrivateKeyEntry(keys.getPrivate(), new X509Certificate[] {cert, certificate});
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot make the link certificate: " + e.getMessage(), e);
            }
        }

        /** A client certificate for an enforcer's public key, naming the enforcer; valid {@code days}. */
        public X509Certificate client(java.security.PublicKey subject, String enforcerId, BigInteger serial,
                int days) {
            try {
                Instant now = Instant.now();
                return sign(new JcaX509v3CertificateBuilder(certificate, serial, Date.from(now.minusSeconds(60)),
                        Date.from(now.plus(Duration.ofDays(days))), new X500Name("CN=" + enforcerId), subject)
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false,
                                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)), key);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot sign the enforcer's certificate: " + e.getMessage(), e);
            }
        }
    }

    /** A subject alternative name: an IP address as one (clients match addresses only there), else a DNS name. */
    private static GeneralName alternativeName(String host) {
        boolean ip = host.matches("[0-9.]+") || host.contains(":");
        return new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host);
    }

    /** A key store holding one identity, under {@link #password()}. */
    public static KeyStore keyStore(KeyStore.PrivateKeyEntry identity) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", identity.getPrivateKey(), STORE_PASSWORD, identity.getCertificateChain());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the key: " + e.getMessage(), e);
        }
    }

    public static BigInteger serial() {
        return new BigInteger(128, new SecureRandom());
    }

    public static char[] password() {
        return STORE_PASSWORD.clone();
    }

    private static void create(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPair caKeys = ecKeys();
        X500Name caName = new X500Name("CN=Bulwark internal CA");
        Instant now = Instant.now();
        X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(3650))), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                caKeys.getPrivate());
        KeyPair serverKeys = ecKeys();
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        String host = InetAddress.getLocalHost().getHostName();
        if (!host.equals("localhost")) {
            names.add(new GeneralName(GeneralName.dNSName, host));
        }
        X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, serial(),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(730))),
                new X500Name("CN=bulwark-controller"), serverKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new))), caKeys.getPrivate());
        writePem(dir.resolve(CA_KEY), caKeys.getPrivate(), true);
        writePem(dir.resolve(CA_CERT), ca, false);
        writePem(dir.resolve(SERVER_KEY), serverKeys.getPrivate(), true);
        writePem(dir.resolve(SERVER_CERT), pemOf(server) + pemOf(ca), false);
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static Object pkcs8(PrivateKey key) throws IOException {
        try {
            return new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null).generate();
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IOException(e);
        }
    }

    private static String pemOf(Object o) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(o);
        }
        return text.toString();
    }

    private static void writePem(Path file, Object o, boolean secret) throws IOException {
        String text = o instanceof String s ? s : o instanceof PrivateKey k ? pemOf(pkcs8(k)) : pemOf(o);
        AtomicFiles.write(file, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                secret ? AtomicFiles.OWNER_ONLY : AtomicFiles.PUBLIC);
    }
}
