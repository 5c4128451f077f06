package dev.bulwark.controller.registry;

import static java.util.Objects.requireNonNull;

import dev.bulwark.controller.domain.Kind;
import dev.bulwark.controller.domain.Redacted;
import dev.bulwark.controller.domain.Section;
import java.util.List;
import java.util.Optional;

/**
 * A registry as stored ({@code object/config/registry/NAME}, NeuVector's key), secrets included: NeuVector's
 * {@code CLUSRegistryConfig} in {@code RESTRegistry}'s field names. Made and checked by {@link Registries}; a record
 * that exists is complete. The secrets are NeuVector's "cloaked" fields: {@code password}, {@code auth_token},
 * {@code aws_key.access_key_id}, {@code aws_key.secret_access_key}, {@code gcr_key.json_key} and
 * {@code gitlab_private_token}. They are never shown ({@link #shown}) and a backup leaves them out.
 *
 * @param registry the registry's URL, http or https, ending with {@code /}
 * @param domains the namespaces the registry belongs to, as the user set them
 * @param createrDomains the namespaces its creator could write registries in, when that was not everywhere: the
 *     registry's namespaces when {@code domains} is empty
 * @param filters the filters as given, sorted; {@link #parsedFilters} reads them
 * @param schedule {@code manual}, {@code auto} (OpenShift) or {@code periodical} every {@code interval} seconds
 * @param awsKey the AWS account of an Amazon ECR registry; null for other types
 * @param gcrKey the service account key of a Google registry; null for other types
 */
public record RegistryConfig(String name, String registryType, String registry, String username, String password,
        String authToken, boolean authWithToken, List<String> domains, List<String> createrDomains,
        List<String> filters, boolean rescanAfterDbUpdate, boolean scanLayers, int repoLimit, int tagLimit,
        Schedule schedule, AwsKey awsKey, GcrKey gcrKey, String jfrogMode, boolean jfrogAql,
        String gitlabExternalUrl, String gitlabPrivateToken, String ibmCloudTokenUrl, String ibmCloudAccount,
        boolean ignoreProxy, String cfgType) implements Redacted<RegistryConfig> {

    public static final Kind<RegistryConfig> KIND = Kind.of("registry", RegistryConfig.class, "Registry",
            Section.SYSTEM);

    static final String JFROG_REPOSITORY_PATH = "Repository Path";
    static final String JFROG_SUBDOMAIN = "Subdomain";
    static final String JFROG_PORT = "Port";

    /** {@code RESTScanSchedule}. */
    public record Schedule(String schedule, int interval) {

        public static final String MANUAL = "manual";
        public static final String AUTO = "auto";
        public static final String PERIODICAL = "periodical";

        public Schedule {
            requireNonNull(schedule, "schedule");
        }
    }

    /** {@code RESTAWSAccountKey}: the account id and region name the registry; the key pair is secret. */
    public record AwsKey(String id, String accessKeyId, String secretAccessKey, String region) {

        public AwsKey {
            requireNonNull(id, "id");
            requireNonNull(accessKeyId, "accessKeyId");
            requireNonNull(secretAccessKey, "secretAccessKey");
            requireNonNull(region, "region");
        }

        @Override
        public String toString() {
            return "AwsKey[id=%s, region=%s]".formatted(id, region);
        }
    }

    /** {@code RESTGCRKey}: a service account's JSON key, secret. */
    public record GcrKey(String jsonKey) {

        public GcrKey {
            requireNonNull(jsonKey, "jsonKey");
        }

        @Override
        public String toString() {
            return "GcrKey[]";
        }
    }

    public RegistryConfig {
        requireNonNull(name, "name");
        requireNonNull(registryType, "registryType");
        requireNonNull(registry, "registry");
        requireNonNull(username, "username");
        requireNonNull(password, "password");
        requireNonNull(authToken, "authToken");
        domains = List.copyOf(domains);
        createrDomains = List.copyOf(createrDomains);
        filters = List.copyOf(filters);
        requireNonNull(schedule, "schedule");
        requireNonNull(jfrogMode, "jfrogMode");
        requireNonNull(gitlabExternalUrl, "gitlabExternalUrl");
        requireNonNull(gitlabPrivateToken, "gitlabPrivateToken");
        requireNonNull(ibmCloudTokenUrl, "ibmCloudTokenUrl");
        requireNonNull(ibmCloudAccount, "ibmCloudAccount");
        requireNonNull(cfgType, "cfgType");
    }

    /** The registry's type; every stored registry has one of NeuVector's. */
    public RegistryType type() {
        return RegistryType.of(registryType).orElseThrow(() -> new IllegalStateException(
                "registry %s has an unknown type".formatted(name)));
    }

    /** The namespaces the registry belongs to, as NeuVector's access control reads them; empty for a global one. */
    public List<String> effectiveDomains() {
        return domains.isEmpty() ? createrDomains : domains;
    }

    /** Whether this is Docker Hub, where NeuVector reads a filter without org as an official image. */
    public boolean dockerHub() {
        return type() == RegistryType.DOCKER && (registry.contains(".docker.com") || registry.contains(".docker.io"));
    }

    /** The filters as a scan applies them: read for this registry's type, JFrog mode and (Docker Hub) address. */
    public List<RegistryFilter> parsedFilters() {
        return filters.stream().map(f -> RegistryFilter.parse(f, type(), jfrogMode))
                .map(f -> dockerHub() ? f.onDockerHub() : f).toList();
    }

    /** The registry as clients see it: every secret empty, as NeuVector's API shows cloaked fields. */
    public RegistryConfig shown() {
        return withSecrets("", "", awsKey == null ? null : new AwsKey(awsKey.id(), "", "", awsKey.region()),
                gcrKey == null ? null : new GcrKey(""), "");
    }

    @Override
    public RegistryConfig redacted() {
        return shown();
    }

    /** A registry restored from a backup keeps the stored secrets the backup left out, where they still apply. */
    @Override
    public RegistryConfig restoredOver(Optional<RegistryConfig> stored) {
        return stored.map(this::keepingSecretsOf).orElse(this);
    }

    /**
     * This registry with each secret it leaves empty taken from {@code old}, where the secret was for the same
     * place: the password and token for the same URL and user name, the AWS key pair for the same account and
     * region, the GCR key for the same URL, the GitLab token for the same GitLab. A secret is never carried to
     * another host: a change of URL or user needs the secret again.
     */
    RegistryConfig keepingSecretsOf(RegistryConfig old) {
        boolean sameLogin = registry.equals(old.registry) && username.equals(old.username);
        AwsKey aws = awsKey;
        if (aws != null && old.awsKey != null && aws.id().equals(old.awsKey.id())
                && aws.region().equals(old.awsKey.region())) {
            aws = new AwsKey(aws.id(), or(aws.accessKeyId(), old.awsKey.accessKeyId()),
                    or(aws.secretAccessKey(), old.awsKey.secretAccessKey()), aws.region());
        }
        GcrKey gcr = gcrKey;
        if (gcr != null && old.gcrKey != null && registry.equals(old.registry)) {
            gcr = new GcrKey(or(gcr.jsonKey(), old.gcrKey.jsonKey()));
        }
        return withSecrets(sameLogin ? or(password, old.password) : password,
                sameLogin ? or(authToken, old.authToken) : authToken, aws, gcr,
                gitlabExternalUrl.equals(old.gitlabExternalUrl) ? or(gitlabPrivateToken, old.gitlabPrivateToken)
                        : gitlabPrivateToken);
    }

    private static String or(String given, String kept) {
        return given.isEmpty() ? kept : given;
    }

    private RegistryConfig withSecrets(String password, String authToken, AwsKey awsKey, GcrKey gcrKey,
            String gitlabPrivateToken) {
        return new RegistryConfig(name, registryType, registry, username, password, authToken, authWithToken,
                domains, createrDomains, filters, rescanAfterDbUpdate, scanLayers, repoLimit, tagLimit, schedule,
                awsKey, gcrKey, jfrogMode, jfrogAql, gitlabExternalUrl, gitlabPrivateToken, ibmCloudTokenUrl,
                ibmCloudAccount, ignoreProxy, cfgType);
    }

    /** Whether this registry holds any secret (so that tests and logs can tell a redacted copy). */
    boolean holdsSecrets() {
        return !password.isEmpty() || !authToken.isEmpty() || !gitlabPrivateToken.isEmpty()
                || awsKey != null && !(awsKey.accessKeyId().isEmpty() && awsKey.secretAccessKey().isEmpty())
                || gcrKey != null && !gcrKey.jsonKey().isEmpty();
    }

    @Override
    public String toString() {
        // a record's toString would print the secrets into whatever log or exception shows it
        return "RegistryConfig[name=%s, type=%s, registry=%s, username=%s, secrets=%s]".formatted(name,
                registryType, registry, username, holdsSecrets() ? "(redacted)" : "none");
    }
}
