package dev.bulwark.controller.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.controller.registry.RegistryConfig.AwsKey;
import dev.bulwark.controller.registry.RegistryConfig.GcrKey;
import dev.bulwark.controller.registry.RegistryConfig.Schedule;
import java.util.List;

/**
 * {@code RESTRegistrySummary}: a registry as {@code GET /v1/scan/registry} shows it, secrets empty (as NeuVector
 * shows its cloaked fields), with its scan's state. {@code aws_key} and {@code gcr_key} appear for their types only.
 */
public record RegistrySummary(String name, String registryType, String registry, String username, String password,
        String authToken, boolean authWithToken, List<String> domains, List<String> filters,
        boolean rescanAfterDbUpdate, boolean scanLayers, int repoLimit, int tagLimit, Schedule schedule,
        @JsonInclude(JsonInclude.Include.NON_NULL) AwsKey awsKey,
        @JsonInclude(JsonInclude.Include.NON_NULL) GcrKey gcrKey, String jfrogMode, boolean jfrogAql,
        String gitlabExternalUrl, String gitlabPrivateToken, String ibmCloudTokenUrl, String ibmCloudAccount,
        String cfgType, boolean ignoreProxy, String status, String errorMessage, String errorDetail,
        String startedAt, int scanned, int scheduled, int scanning, int failed, String cvedbVersion,
        String cvedbCreateTime) {

    /** The summary of a registry in this scan state; its secrets are left out whatever it holds. */
    public static RegistrySummary of(RegistryConfig registry, RegistryScanState state) {
        RegistryConfig r = registry.shown();
        return new RegistrySummary(r.name(), r.registryType(), r.registry(), r.username(), r.password(),
                r.authToken(), r.authWithToken(), r.effectiveDomains(), r.filters(), r.rescanAfterDbUpdate(),
                r.scanLayers(), r.repoLimit(), r.tagLimit(), r.schedule(), r.awsKey(), r.gcrKey(), r.jfrogMode(),
                r.jfrogAql(), r.gitlabExternalUrl(), r.gitlabPrivateToken(), r.ibmCloudTokenUrl(),
                r.ibmCloudAccount(), r.cfgType(), r.ignoreProxy(), state.status(), state.errorMessage(),
                state.errorDetail(), state.startedAt(), state.scanned(), state.scheduled(), state.scanning(),
                state.failed(), state.cvedbVersion(), state.cvedbCreateTime());
    }
}
