package dev.bulwark.enforcer.network.nft;

import java.io.IOException;
import java.nio.file.Path;

/** nft failed, or did not finish in time, in a network namespace. */
public final class NftException extends IOException {

    private final Path namespace;

    NftException(Path namespace, String message) {
        super("nft in network namespace " + namespace + ": " + message);
        this.namespace = namespace;
    }

    public Path namespace() {
        return namespace;
    }
}
