package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code bulwark scan}: the inventory and, when a vulnerability database was used, the database it
 * was matched against, the findings and their count per severity. Without a database, {@code database} and
 * {@code vulnerabilities} are null and left out of the JSON, so that "not checked" never reads as "no findings".
 * {@code suppressed} lists the findings an ignore file or a VEX document took out; null when there are none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanReport(@JsonUnwrapped ImageInventory inventory, DatabaseInfo database,
        List<Vulnerability> vulnerabilities, List<SuppressedFinding> suppressed) {

    /** The database findings came from: its build time (the data version) and its schema. */
    public record DatabaseInfo(String built, int schema) {

        public DatabaseInfo {
            requireNonNull(built, "built");
        }
    }

    public ScanReport {
        requireNonNull(inventory, "inventory");
        if ((database == null) != (vulnerabilities == null)) {
            throw new IllegalArgumentException("findings come with the database they were matched against");
        }
        vulnerabilities = vulnerabilities == null ? null : List.copyOf(vulnerabilities);
        suppressed = suppressed == null || suppressed.isEmpty() ? null : List.copyOf(suppressed);
    }

    /** Findings matched against a database, none suppressed. */
    public ScanReport(ImageInventory inventory, DatabaseInfo database, List<Vulnerability> vulnerabilities) {
        this(inventory, database, vulnerabilities, null);
    }

    public static ScanReport inventoryOnly(ImageInventory inventory) {
        return new ScanReport(inventory, null, null, null);
    }

    public boolean matched() {
        return database != null;
    }

    /** Findings per severity, every level present, highest first; null without a database. */
    @JsonProperty("summary")
    public Map<SeverityLevel, Integer> summary() {
        if (vulnerabilities == null) {
            return null;
        }
        Map<SeverityLevel, Integer> counts = new LinkedHashMap<>();
        for (SeverityLevel level : List.of(SeverityLevel.values()).reversed()) {
            counts.put(level, 0);
        }
        vulnerabilities.forEach(v -> counts.merge(v.severity(), 1, Integer::sum));
        return counts;
    }
}
