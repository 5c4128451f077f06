package dev.bulwark.scanner.service;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.bulwark.scanner.report.NeuVectorReport;
import java.util.List;

/**
 * NeuVector's {@code RESTScanRepoReport}, written with {@code Json.snakeCase()}: the image's identity and
 * database, its layers when asked for, then {@code RESTScanReport}'s fields (vulnerabilities, modules, checks,
 * secrets, setid_perms, envs, labels, cmds). There is no {@code verdict}: NeuVector sets it from admission rules.
 * {@code warnings} is ours: what could not be checked (no database, an unreadable file, no base-image support).
 *
 * @param digest the manifest digest, {@code sha256:...}
 * @param baseOs {@code family:version} of the distribution found, empty when none was
 * @param cvedbVersion the database's build time, which is its data version; empty without a database
 * @param layers bottom first when the request asked for them, else empty
 */
public record RepositoryScanReport(String imageId, String registry, String repository, String tag, String digest,
        long size, String author, String baseOs, String createdAt, String cvedbVersion, String cvedbCreateTime,
        List<Layer> layers, @JsonUnwrapped NeuVectorReport report, List<String> warnings) {

    public RepositoryScanReport {
        layers = List.copyOf(layers);
        warnings = List.copyOf(warnings);
    }

    /**
     * {@code RESTScanLayer}: the layer's stored digest (its diff id where the source has no other), the command
     * that made it, the vulnerabilities of the packages it introduced and its stored size (0 when unknown).
     */
    public record Layer(String digest, String cmds, List<NeuVectorReport.Vuln> vulnerabilities, long size) {

        public Layer {
            vulnerabilities = List.copyOf(vulnerabilities);
        }
    }
}
