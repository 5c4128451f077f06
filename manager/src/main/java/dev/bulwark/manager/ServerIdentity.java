package dev.bulwark.manager;

import dev.bulwark.controller.tls.InternalCa;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

/** Where the manager's HTTPS certificate comes from: the user's PEM files, a CA of its own, or the controller's CA. */
public final class ServerIdentity {

    private ServerIdentity() {}

    /** The user's certificate chain and key. */
    public static KeyStore fromPem(Path certPem, Path keyPem) {
        try {
            return InternalCa.keyStore(certPem, keyPem);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the certificate %s and key %s: %s".formatted(certPem,
                    keyPem, e.getMessage()), e);
        }
    }

    /** A certificate of a CA the manager keeps in {@code tlsDir} ({@code ca.pem}), both made on first use. */
    public static KeyStore ownCa(Path tlsDir) {
        return InternalCa.serverKeyStore(tlsDir);
    }

    /** A new certificate for {@code hosts} issued by the controller's CA in {@code controllerTlsDir}. */
    public static KeyStore issuedBy(Path controllerTlsDir, List<String> hosts) {
        return InternalCa.keyStore(InternalCa.authority(controllerTlsDir).server("bulwark-manager", hosts));
    }
}
