package dev.bulwark.cli;

import dev.bulwark.vulndb.bundle.Bundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a command decides to trust a database: the keys to verify it with, or {@code --skip-db-verify}. */
final class DbTrustOptions {

    /** The trusted keys alone, for commands whose point is to verify. */
    static final class PublicKeys {
        @Option(names = {"--public-key", "--db-public-key"}, paramLabel = "FILE",
                description = "Trusted public key (PEM); repeatable. Default: the trusted key directory.")
        List<Path> files = new ArrayList<>();

        Bundle.Trust trust(DbLocations locations) {
            return locations.trust(files, false);
        }
    }

    @Mixin
    PublicKeys publicKeys = new PublicKeys();

    @Option(names = "--skip-db-verify", description = "Use the database even if unsigned or not signed by a trusted key.")
    boolean skipVerify;

    Bundle.Trust trust(DbLocations locations) {
        return locations.trust(publicKeys.files, skipVerify);
    }
}
