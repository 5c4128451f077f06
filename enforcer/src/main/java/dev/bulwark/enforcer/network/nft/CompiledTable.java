package dev.bulwark.enforcer.network.nft;

import java.util.Collection;
import java.util.List;

/**
 * What {@link TableCompiler} made of one namespace's policy.
 *
 * @param definition the {@code table inet bulwark { ... }} block, its comment carrying {@link #hash()}
 * @param hash a digest of everything else in the definition: equal hashes, equal tables
 * @param fqdns the DNS names whose sets the table declares
 * @param rejected what the policy held that could not be enforced and was left out
 */
public record CompiledTable(String definition, String hash, List<FqdnName> fqdns, List<Rejection> rejected) {

    /** The table's name in every namespace. */
    public static final String TABLE = "inet bulwark";

    /** Something of the policy left out, and why; the rest of the table is installed. */
    public record Rejection(String subject, String reason) {}

    public CompiledTable {
        fqdns = List.copyOf(fqdns);
        rejected = List.copyOf(rejected);
    }

    /**
     * One transaction that replaces whatever {@code table inet bulwark} the namespace has with this one, the
     * addresses already known for its DNS names included: the table is created if missing, deleted, and made anew,
     * so at no moment is the namespace without rules.
     */
    public String replacementScript(Collection<FqdnAddress> known) {
        List<FqdnAddress> ours = known.stream().filter(a -> fqdns.contains(a.name())).toList();
        return "table " + TABLE + "\ndelete table " + TABLE + "\n" + definition + FqdnAddress.refreshCommands(ours);
    }
}
