package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.io.AtomicFiles;
import dev.bulwark.vulndb.bundle.Bundle;
import dev.bulwark.vulndb.bundle.BundleHeader;
import dev.bulwark.vulndb.bundle.BundleKeys;
import dev.bulwark.vulndb.bundle.BundleWriter;
import dev.bulwark.vulndb.feed.FeedKind;
import dev.bulwark.vulndb.feed.ImportStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bulwark db}: build, sign, inspect and install the vulnerability database. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Build, sign, verify, inspect and install the vulnerability database.",
        subcommands = {DbCommand.Build.class, DbCommand.Keygen.class, DbCommand.Verify.class, DbCommand.Info.class,
            DbCommand.Import.class, DbUpdateCommand.class},
        footer = "%n" + ExitCodes.HELP)
final class DbCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Import feeds into a new database bundle.",
                "  bulwark db build --source osv=../shared/feeds/osv-go --source alpine-secdb=DIR --out db.bwdb"})
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--source", required = true, paramLabel = "KIND=PATH",
                description = "A feed: osv, alpine-secdb, debian-tracker or nvd, and a file or directory. Repeatable.")
        List<String> sources = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the bundle.")
        Path out;

        @Option(names = "--sign-key", paramLabel = "FILE", description = "Ed25519 private key (PEM) to sign with.")
        Path signKey;

        @Override
        public Integer call() throws IOException {
            BundleHeader header = build(sources, out, Optional.ofNullable(signKey), spec.commandLine().getErr());
            spec.commandLine().getOut().printf("%s: %d advisories, %d packages, %s, %s%n", out, header.advisories(),
                    header.packages(), Formats.bytes(Files.size(out)), signKey != null ? "signed" : "unsigned");
            return ExitCodes.OK;
        }
    }

    /** Builds a bundle from {@code KIND=PATH} sources, signed when a key is given; what each source gave on err. */
    static BundleHeader build(List<String> sources, Path out, Optional<Path> signKey, PrintWriter err)
            throws IOException {
        Optional<PrivateKey> key = signKey.map(DbCommand::readKey);
        BundleWriter writer = new BundleWriter();
        for (String s : sources) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--source %s: expected KIND=PATH".formatted(s));
            }
            BundleWriter.Source source;
            try {
                source = new BundleWriter.Source(FeedKind.parse(s.substring(0, eq)), Path.of(s.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--source " + s + ": " + e.getMessage(), e);
            }
            if (!Files.exists(source.path())) {
                throw new InvalidInputException("--source %s: no such file or directory".formatted(s));
            }
            ImportStats stats = writer.add(source);
            err.printf("bulwark: %s: %d files, %d advisories imported, %d skipped%n", s, stats.files(),
                    stats.imported(), stats.skipped());
            stats.reasons().forEach(r -> err.println("bulwark:   skipped " + r));
        }
        return writer.write(out, key, Instant.now());
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Make an Ed25519 key pair for signing databases: PREFIX.key (private) and PREFIX.pub.")
    static final class Keygen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PREFIX", description = "Path prefix of the two files.")
        Path prefix;

        @Override
        public Integer call() throws IOException {
            Path priv = Path.of(prefix + ".key");
            Path pub = Path.of(prefix + ".pub");
            for (Path p : List.of(priv, pub)) {
                if (Files.exists(p)) {
                    throw new InvalidInputException(p + " exists; not overwriting a key");
                }
            }
            KeyPair pair = BundleKeys.generate();
            Files.createDirectories(priv.toAbsolutePath().getParent());
            Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(priv, BundleKeys.pem(pair.getPrivate()));
            Files.writeString(pub, BundleKeys.pem(pair.getPublic()));
            spec.commandLine().getOut().printf("private key %s (keep it secret)%npublic key  %s%n", priv, pub);
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a database's structure and signature.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--db", paramLabel = "FILE", description = "The database (default: the installed one).")
        Path db;

        @Mixin
        DbTrustOptions.PublicKeys publicKeys = new DbTrustOptions.PublicKeys();

        @Override
        public Integer call() {
            DbLocations locations = DbLocations.system();
            Path file = db != null ? db : locations.database();
            try (Bundle bundle = DbLocations.open(file, publicKeys.trust(locations))) {
                spec.commandLine().getOut().printf("%s: signature good, built %s%n", file, bundle.header().built());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show a database's version, build time, sources, counts and size.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--db", paramLabel = "FILE", description = "The database (default: the installed one).")
        Path db;

        @Override
        public Integer call() {
            Path file = db != null ? db : DbLocations.system().database();
            try (Bundle bundle = DbLocations.open(file, new Bundle.Trust.Unverified())) {
                BundleHeader h = bundle.header();
                PrintWriter out = spec.commandLine().getOut();
                out.printf("Database:    %s%n", file);
                out.printf("Version:     %s (schema %d)%n", h.built(), h.schema());
                out.printf("Signed:      %s%n", bundle.signed() ? "yes" : "no");
                out.printf("Advisories:  %d%n", h.advisories());
                out.printf("Packages:    %d%n", h.packages());
                out.printf("Size:        %s%n", Formats.bytes(bundle.sizeBytes()));
                out.println("Sources:");
                h.sources().values().forEach(s -> out.printf("  %-15s %-40s %6d files %7d imported %5d skipped%n",
                        s.kind(), s.path(), s.files(), s.imported(), s.skipped()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Install a database from a file (for air-gapped sites), after verifying it.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The database bundle to install.")
        Path source;

        @Mixin
        DbTrustOptions trustOptions = new DbTrustOptions();

        @Option(names = "--db", paramLabel = "FILE", description = "Where to install (default: the usual place).")
        Path db;

        @Override
        public Integer call() throws IOException, InterruptedException {
            DbLocations locations = DbLocations.system();
            install(db != null ? db : locations.database(), trustOptions.trust(locations),
                    spec.commandLine().getOut(), staged -> Files.copy(source, staged,
                            StandardCopyOption.REPLACE_EXISTING));
            return ExitCodes.OK;
        }
    }

    /** Fills the staging file with the new database: a copy, a download. */
    interface Stager {
        void fill(Path staged) throws IOException, InterruptedException;
    }

    /**
     * Stages a new database beside {@code target}, verifies it and moves it over the installed one atomically: a
     * bad or incomplete file leaves the old one in place, and a reader sees either the old database or the new
     * one, never a mix. The staging file never outlives the call.
     */
    static void install(Path target, Bundle.Trust trust, PrintWriter out, Stager stager)
            throws IOException, InterruptedException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path staged = Files.createTempFile(dir, ".bulwark-db-", ".tmp");
        try {
            stager.fill(staged);
            String built;
            try (Bundle bundle = DbLocations.open(staged, trust)) {
                built = bundle.header().built();
            }
            AtomicFiles.replace(staged, target);
            out.printf("installed database built %s at %s%n", built, target);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private static PrivateKey readKey(Path file) {
        try {
            return BundleKeys.readPrivate(file);
        } catch (IOException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }
}
