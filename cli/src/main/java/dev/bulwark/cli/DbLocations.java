package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.BundleKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the vulnerability database and the keys trusted to sign it live, unless a flag says otherwise:
 * the database at {@code $BULWARK_DB}, else {@code $XDG_DATA_HOME/bulwark/vulndb.bwdb} (by default
 * {@code ~/.local/share/bulwark/vulndb.bwdb}); trusted public keys in {@code $BULWARK_DB_KEYS}, else
 * {@code $XDG_CONFIG_HOME/bulwark/db-keys/} (by default {@code ~/.config/bulwark/db-keys/}), every {@code *.pub}.
 */
final class DbLocations {

    private final Map<String, String> env;
    private final Path home;

    DbLocations(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    static DbLocations system() {
        String home = System.getenv().getOrDefault("HOME", "");
        return new DbLocations(System.getenv(), Path.of(home.isEmpty() ? System.getProperty("user.home") : home));
    }

    Path database() {
        String explicit = env.getOrDefault("BULWARK_DB", "");
        if (!explicit.isEmpty()) {
            return Path.of(explicit);
        }
        return base("XDG_DATA_HOME", ".local/share").resolve("bulwark").resolve("vulndb.bwdb");
    }

    /** The controller's data directory: {@code $BULWARK_DATA_DIR}, else {@code $XDG_DATA_HOME/bulwark/controller}. */
    Path controllerData() {
        String explicit = env.getOrDefault("BULWARK_DATA_DIR", "");
        return explicit.isEmpty() ? base("XDG_DATA_HOME", ".local/share").resolve("bulwark").resolve("controller")
                : Path.of(explicit);
    }

    /** The enforcer's data directory: {@code $BULWARK_DATA_DIR/enforcer}, else {@code $XDG_DATA_HOME/bulwark/enforcer}. */
    Path enforcerData() {
        String explicit = env.getOrDefault("BULWARK_DATA_DIR", "");
        return (explicit.isEmpty() ? base("XDG_DATA_HOME", ".local/share").resolve("bulwark") : Path.of(explicit))
                .resolve("enforcer");
    }

    /** Where the manager's data directory ({@code manager/}) lies: {@code $BULWARK_DATA_DIR}, else {@code $XDG_DATA_HOME/bulwark}. */
    Path dataRoot() {
        return enforcerData().getParent();
    }

    /** The scanner's data directory: {@code $BULWARK_DATA_DIR/scanner}, else {@code $XDG_DATA_HOME/bulwark/scanner}. */
    Path scannerData() {
        return enforcerData().resolveSibling("scanner");
    }

    /** The client's login file: {@code $XDG_CONFIG_HOME/bulwark/login.json}. */
    Path clientLogin() {
        return base("XDG_CONFIG_HOME", ".config").resolve("bulwark").resolve("login.json");
    }

    Path keyDirectory() {
        String explicit = env.getOrDefault("BULWARK_DB_KEYS", "");
        return explicit.isEmpty() ? base("XDG_CONFIG_HOME", ".config").resolve("bulwark").resolve("db-keys")
                : Path.of(explicit);
    }

    private Path base(String variable, String fallback) {
        String value = env.getOrDefault(variable, "");
        return value.isEmpty() ? home.resolve(fallback) : Path.of(value);
    }

    /** The keys given on the command line, else every key in the key directory. */
    Bundle.Trust trust(List<Path> publicKeys, boolean skipVerify) {
        if (skipVerify) {
            return new Bundle.Trust.Unverified();
        }
        List<Path> files = new ArrayList<>(publicKeys);
        if (files.isEmpty() && Files.isDirectory(keyDirectory())) {
            try (Stream<Path> keys = Files.list(keyDirectory())) {
                keys.filter(p -> p.toString().endsWith(".pub")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new InvalidInputException("cannot list " + keyDirectory() + ": " + e.getMessage(), e);
            }
        }
        List<PublicKey> keys = new ArrayList<>();
        for (Path f : files) {
            try {
                keys.add(BundleKeys.readPublic(f));
            } catch (IOException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
        }
        return new Bundle.Trust.Keys(keys);
    }

    /** Opens a database, turning every reason it cannot be used into a one-line input error. */
    static Bundle open(Path db, Bundle.Trust trust) {
        if (!Files.isRegularFile(db)) {
            throw new InvalidInputException("%s: no vulnerability database here (build one with `bulwark db build`,"
                    .formatted(db) + " or get one with `bulwark db import` or `bulwark db update`)");
        }
        try {
            return Bundle.open(db, trust);
        } catch (IOException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }
}
