package dev.bulwark.controller.scan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controller.audit.EventLog;
import java.util.List;
import java.util.Map;

/**
 * Scan reports as NeuVector's audit log keeps them ({@code /v1/log/audit}, the {@code cve-report} records that
 * response rules match): {@code Container.Scan.Report}, {@code Host.Scan.Report} and {@code Registry.Scan.Report},
 * with the asset's fields, the counts and names of critical, high and medium vulnerabilities (those the
 * vulnerability profile accepts left out), and a level from the worst of them: {@code Critical} for any critical or
 * high, {@code Warning} for medium only, {@code Info} for none, {@code Error} when the scan failed.
 */
public final class ScanAudit {

    public static final String CONTAINER = "Container.Scan.Report";
    public static final String HOST = "Host.Scan.Report";
    public static final String REGISTRY = "Registry.Scan.Report";
    /** Vulnerability names kept per severity in one record. */
    static final int MAX_NAMES = 200;

    private final EventLog audits;

    public ScanAudit(EventLog audits) {
        this.audits = audits;
    }

    /**
     * Records a finished scan.
     *
     * @param fields the asset's fields ({@code workload_id}, {@code registry}, {@code repository}, ...)
     * @param found what it found, the accepted vulnerabilities left out already
     */
    public void finished(String name, Map<String, String> fields, List<Reports.Found> found, String baseOs,
            String cvedbVersion) {
        int[] counts = new int[3];
        ObjectNode record = newRecord(name, "Info");
        ArrayNode[] names = {record.putArray("critical_vuls"), record.putArray("high_vuls"),
            record.putArray("medium_vuls")};
        for (Reports.Found f : found) {
            int i = switch (f.severity()) {
                case "Critical" -> 0;
                case "High" -> 1;
                case "Medium" -> 2;
                default -> -1;
            };
            if (i >= 0 && counts[i]++ < MAX_NAMES) {
                names[i].add(f.name());
            }
        }
        fields.forEach(record::put);
        record.put("level", counts[0] + counts[1] > 0 ? "Critical" : counts[2] > 0 ? "Warning" : "Info");
        record.put("critical_vul_cnt", counts[0]).put("high_vul_cnt", counts[1]).put("medium_vul_cnt", counts[2]);
        record.put("base_os", baseOs).put("cvedb_version", cvedbVersion);
        record.put("message", "Scanned: %d critical, %d high and %d medium vulnerabilities".formatted(counts[0],
                counts[1], counts[2]));
        audits.add(record);
    }

    /** A record with every field NeuVector's {@code RESTAudit} always has, zero until set. */
    private ObjectNode newRecord(String name, String level) {
        ObjectNode record = audits.newRecord(name, level);
        record.put("critical_vul_cnt", 0).put("high_vul_cnt", 0).put("medium_vul_cnt", 0).put("base_os", "")
                .put("cvedb_version", "").put("aggregation_from", 0).put("count", 0).put("platform", "")
                .put("platform_version", "");
        return record;
    }

    /** Records a scan that failed, and why. */
    public void failed(String name, Map<String, String> fields, String error) {
        ObjectNode record = newRecord(name, "Error");
        fields.forEach(record::put);
        record.put("error", error);
        record.put("message", "The scan failed: " + error);
        audits.add(record);
    }
}
