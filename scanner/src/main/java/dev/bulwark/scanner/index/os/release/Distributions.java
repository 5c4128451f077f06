package dev.bulwark.scanner.index.os.release;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Maps the names distributions give themselves to the family ids that vulnerability feeds use. */
final class Distributions {

    private static final Map<String, String> OS_RELEASE_IDS = Map.ofEntries(
            Map.entry("amzn", "amazon"),
            Map.entry("ol", "oracle"),
            Map.entry("mariner", "cbl-mariner"),
            Map.entry("sles_sap", "sles"),
            Map.entry("sled", "sles"),
            Map.entry("opensuse", "opensuse-leap"),
            Map.entry("redhat", "rhel"));

    /** Longest names first where one is a prefix of another. */
    private static final Map<String, String> PRODUCT_NAMES = Map.ofEntries(
            Map.entry("centos", "centos"),
            Map.entry("red hat enterprise linux", "rhel"),
            Map.entry("rocky linux", "rocky"),
            Map.entry("almalinux", "almalinux"),
            Map.entry("fedora", "fedora"),
            Map.entry("amazon linux", "amazon"),
            Map.entry("oracle linux", "oracle"),
            Map.entry("cbl-mariner", "cbl-mariner"),
            Map.entry("microsoft azure linux", "azurelinux"),
            Map.entry("vmware photon os", "photon"),
            Map.entry("suse linux enterprise", "sles"),
            Map.entry("opensuse", "opensuse-leap"));

    private Distributions() {}

    /** The family for an os-release {@code ID}: lower case, with the few ids feeds spell differently mapped. */
    static String familyOfId(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        return OS_RELEASE_IDS.getOrDefault(lower, lower);
    }

    /** The family for a product name as the older release files print it ("Rocky Linux release 8.5"). */
    static Optional<String> familyOfProduct(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return PRODUCT_NAMES.entrySet().stream()
                .filter(e -> lower.startsWith(e.getKey()))
                .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                .map(Map.Entry::getValue);
    }
}
