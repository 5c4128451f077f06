package dev.bulwark.link;

import dev.bulwark.core.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM files of certificates and EC private keys (PKCS#8), with the JDK alone. */
public final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

    private Pem() {}

    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] der : blocks(Files.readString(file, StandardCharsets.US_ASCII), "CERTIFICATE")) {
            out.add(certificate(der));
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException(file + " holds no certificate");
        }
        return out;
    }

    public static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        List<byte[]> keys = blocks(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY");
        if (keys.size() != 1) {
            throw new GeneralSecurityException(file + " holds no PKCS#8 private key");
        }
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(keys.getFirst()));
    }

    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes a certificate chain, readable by all. */
    public static void write(Path file, List<X509Certificate> chain) throws IOException, GeneralSecurityException {
        StringBuilder text = new StringBuilder();
        for (X509Certificate c : chain) {
            text.append(encode("CERTIFICATE", c.getEncoded()));
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
    }

    /** Writes a private key, readable by its owner only. */
    public static void write(Path file, PrivateKey key) throws IOException {
        AtomicFiles.write(file, encode("PRIVATE KEY", key.getEncoded()).getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.OWNER_ONLY);
    }

    private static List<byte[]> blocks(String text, String type) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return out;
    }
}
