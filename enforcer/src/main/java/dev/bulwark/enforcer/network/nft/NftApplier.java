package dev.bulwark.enforcer.network.nft;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs compiled tables in network namespaces, each change one nft transaction. Fail-static: a table is kernel
 * state that outlives this object and the enforcer; only {@link #remove} takes it away, when the namespace's
 * containers are gone. Thread-safe; calls for one namespace should come from one thread, in order.
 */
public final class NftApplier {

    /** Long enough for a table of ten thousand rules on a loaded node. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern HASH = Pattern.compile("(?m)^\\s*chain " + TableCompiler.HASH_CHAIN
            + " \\{\\s*comment \"bulwark ([0-9a-f]{64})\"$");
    /** Our table in {@code nft list chains}: its chains, up to the brace that closes it. */
    private static final Pattern OURS = Pattern.compile("(?ms)^table inet bulwark \\{$(.*?)^}$");

    private final Nft nft;

    public NftApplier() {
        this(DEFAULT_TIMEOUT);
    }

    public NftApplier(Duration timeout) {
        this.nft = new Nft(timeout);
    }

    /** What {@link #apply} did. */
    public enum Outcome {
        /** The namespace had this very table already (an earlier enforcer installed it): left untouched. */
        ADOPTED,
        /** The table was installed, replacing any other in the same transaction. */
        REPLACED
    }

    /**
     * Makes {@code table} the namespace's table, unless it is already.
     *
     * @param known addresses DNS gave the table's names so far, put in its sets in the same transaction
     */
    public Outcome apply(Path namespace, CompiledTable table, Collection<FqdnAddress> known) throws IOException {
        if (installedHash(namespace).filter(table.hash()::equals).isPresent()) {
            return Outcome.ADOPTED;
        }
        nft.script(namespace, table.replacementScript(known));
        return Outcome.REPLACED;
    }

    public Outcome apply(Path namespace, CompiledTable table) throws IOException {
        return apply(namespace, table, List.of());
    }

    /** The hash of the table installed in the namespace, if it has one of ours. */
    public Optional<String> installedHash(Path namespace) throws IOException {
        Matcher table = OURS.matcher(nft.command(namespace, "list", "chains", "inet"));
        if (!table.find()) {
            return Optional.empty();
        }
        Matcher hash = HASH.matcher(table.group(1));
        return hash.find() ? Optional.of(hash.group(1)) : Optional.empty();
    }

    /**
     * Puts addresses DNS just gave in their names' sets, each for its time to live from now. Every name must be one
     * the installed table declares ({@link CompiledTable#fqdns()}).
     */
    public void addFqdnAddresses(Path namespace, Collection<FqdnAddress> addresses) throws IOException {
        if (!addresses.isEmpty()) {
            nft.script(namespace, FqdnAddress.refreshCommands(addresses));
        }
    }

    /** Removes the namespace's table, when there is one: its containers are gone. */
    public void remove(Path namespace) throws IOException {
        nft.script(namespace, "table " + CompiledTable.TABLE + "\ndelete table " + CompiledTable.TABLE + "\n");
    }
}
