package dev.bulwark.controller.registry;

import static dev.bulwark.controller.domain.Inputs.or;

import dev.bulwark.controller.api.Addresses;
import dev.bulwark.controller.api.ApiError;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Principal;
import dev.bulwark.controller.domain.Inputs;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.domain.Versioned;
import dev.bulwark.controller.registry.RegistryConfig.AwsKey;
import dev.bulwark.controller.registry.RegistryConfig.GcrKey;
import dev.bulwark.controller.registry.RegistryConfig.Schedule;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The registries to scan, with NeuVector's rules ({@code controller/rest/registry.go}): each type's required fields
 * and defaults, URLs normalised as NeuVector does (scheme and host in lower case, a {@code /} at the end), filters
 * read by {@link RegistryFilter}, schedules, and secrets that are kept but never shown. Every change is a
 * compare-and-swap of the registry's record.
 *
 * <p>Secrets ({@code password}, {@code auth_token}, the AWS key pair, the GCR key, the GitLab token) are shown empty,
 * as NeuVector shows them. A change that leaves one out, or sends it empty or as NeuVector's mask ("The value is
 * masked"), keeps the stored one, as long as it stays bound to the same place: the password and token to the same
 * URL and user name, the AWS pair to the same account and region, the GCR key to the same URL, the GitLab token to
 * the same GitLab. A change of URL or user without the secret drops it, so that no caller can send a stored secret to
 * a host of their choosing (NeuVector keeps it); changing the user name is also how credentials are removed.
 *
 * <p>Namespaces, as NeuVector's access control has them: a registry belongs to its {@code domains}, or, when it has
 * none, to the namespaces its creator could write registries in ({@code creater_domains}; none for a global
 * creator, making it global). A caller sees a registry with {@code reg_scan} read globally or in one of its
 * namespaces (404 otherwise, as if it did not exist), and changes one with {@code reg_scan} write globally or in
 * every one of them (403). An OpenShift registry's filters name namespaces, which its writer must hold too. NeuVector
 * also shows an OpenShift registry to readers of the namespaces its filters name; this does not.
 *
 * <p>Not done here, unlike NeuVector: an Amazon ECR registry's address is made from the account id and region
 * instead of being asked from AWS, so a wrong key is found by the first scan ({@link EcrAuthorization}), not when
 * the registry is made; names
 * starting with {@code fed.} and {@code cfg_type} {@code federal} are refused, there being no federation. Thread-safe.
 */
public final class Registries {

    static final int MAX_FILTERS = 1024;
    static final int MAX_DOMAINS = 256;
    static final int MAX_TEXT = 256;
    static final int MAX_SECRET = 4096;
    static final int MAX_JSON_KEY = 16 << 10;
    static final int MAX_URL = 2048;
    static final int REPO_LIMIT_DEFAULT = 200;
    static final int TAG_LIMIT_DEFAULT = 20;
    /** The bounds of a periodical schedule's interval, in seconds: five minutes to a week, as NeuVector's. */
    static final int INTERVAL_MIN = 5 * 60;
    static final int INTERVAL_MAX = 7 * 24 * 60 * 60;
    /** What NeuVector shows for a secret in its support output and audit log; sent back, it changes nothing. */
    static final String MASKED = "The value is masked";
    static final String USER_CREATED = "user_created";
    static final String GCR_URL = "https://gcr.io/";
    static final String GITHUB_URL = "https://ghcr.io/";
    static final String IBM_CLOUD_TOKEN_URL = "https://iam.cloud.ibm.com/identity/token";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");
    private static final Pattern NAMESPACE = NAME;
    private static final Pattern AWS_ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
    private static final Set<String> JFROG_MODES = Set.of(RegistryConfig.JFROG_REPOSITORY_PATH,
            RegistryConfig.JFROG_SUBDOMAIN, RegistryConfig.JFROG_PORT);

    /** {@code RESTAWSAccountKeyConfig}; a field left out keeps its value. */
    public record AwsKeyConfig(String id, String accessKeyId, String secretAccessKey, String region) {

        @Override
        public String toString() {
            return "AwsKeyConfig[id=%s, region=%s]".formatted(id, region);
        }
    }

    /** {@code RESTGCRKeyConfig}. */
    public record GcrKeyConfig(String jsonKey) {

        @Override
        public String toString() {
            return "GcrKeyConfig[]";
        }
    }

    /** {@code RESTScanSchedule} as sent: an empty or missing schedule is manual. */
    public record ScheduleConfig(String schedule, Integer interval) {}

    /**
     * {@code RESTRegistryConfig}, what a caller sends (the v2 API's sections are flattened into it); a field left out
     * (null) keeps its value, or takes its default when the registry is made.
     */
    public record Config(String name, String registryType, String registry, List<String> domains,
            List<String> filters, String username, String password, String authToken, Boolean authWithToken,
            Boolean rescanAfterDbUpdate, Boolean scanLayers, Integer repoLimit, Integer tagLimit,
            ScheduleConfig schedule, AwsKeyConfig awsKey, GcrKeyConfig gcrKey, String jfrogMode, Boolean jfrogAql,
            String gitlabExternalUrl, String gitlabPrivateToken, String ibmCloudTokenUrl, String ibmCloudAccount,
            String cfgType, Boolean ignoreProxy) {

        @Override
        public String toString() {
            return "Config[name=%s, registry_type=%s, registry=%s]".formatted(name, registryType, registry);
        }
    }

    private final Records records;
    private final RegistryScanStates states;

    /** @param states each registry's scan state by name, as the scans keep them */
    public Registries(Records records, RegistryScanStates states) {
        this.records = records;
        this.states = states;
    }

    /** The registry types NeuVector offers, in its order. */
    public List<String> types() {
        return RegistryType.names();
    }

    /** The scan states, which the scans keep. */
    public RegistryScanStates states() {
        return states;
    }

    /** The scan state of a registry. */
    public RegistryScanState state(String name) {
        return states.get(name);
    }

    /** The registries the caller may see, by name. */
    public List<RegistryConfig> list(Principal p) {
        return records.list(RegistryConfig.KIND).stream().filter(r -> readable(p, r))
                .sorted(Comparator.comparing(RegistryConfig::name)).toList();
    }

    /** A registry the caller may see; 404 otherwise. */
    public RegistryConfig get(Principal p, String name) {
        return records.find(RegistryConfig.KIND, name).filter(r -> readable(p, r))
                .orElseThrow(() -> ApiException.notFound("Registry"));
    }

    /** A registry the caller may change (start or stop its scan): 404 when it cannot see it, 403 when it may not. */
    public RegistryConfig writable(Principal p, String name) {
        RegistryConfig r = records.find(RegistryConfig.KIND, name).orElseThrow(() -> ApiException.notFound(
                "Registry"));
        requireVisible(p, r, true);
        return r;
    }

    /** Makes a registry in namespaces the caller may write in; 409 when the name is taken. */
    public RegistryConfig create(Principal p, Config c) {
        if (c.name() == null || !NAME.matcher(c.name()).matches()) {
            throw ApiException.invalidName("Invalid characters in name: registry names are 1-128 letters, digits,"
                    + " '.', '_', ':' or '-', starting with a letter or digit");
        }
        if (c.name().startsWith("fed.")) {
            throw ApiException.badRequest("Local registry name must not start with 'fed.'");
        }
        RegistryType type = RegistryType.of(c.registryType()).orElseThrow(() -> ApiException.badRequest(
                "Unsupported registry Type: registry_type is one of " + String.join(", ", RegistryType.names())));
        RegistryConfig made = changed(p, blank(p, c.name(), type), c, true);
        records.create(RegistryConfig.KIND, made.name(), made);
        return made;
    }

    /**
     * A registry as a test of its listing describes it, checked as a new one is but not kept (the name is not looked
     * up); NeuVector tests Docker and JFrog registries only.
     */
    public RegistryConfig trial(Principal p, Config c) {
        RegistryType type = RegistryType.of(c.registryType())
                .filter(t -> t == RegistryType.DOCKER || t == RegistryType.JFROG)
                .orElseThrow(() -> ApiException.badRequest("Unsupported registry type: only Docker Registry and"
                        + " JFrog Artifactory registries can be tested"));
        return changed(p, blank(p, c.name() == null ? "" : c.name(), type), c, true);
    }

    private static RegistryConfig blank(Principal p, String name, RegistryType type) {
        return new RegistryConfig(name, type.text(), "", "", "", "", false, List.of(), createrDomains(p), List.of(),
                true, false, REPO_LIMIT_DEFAULT, TAG_LIMIT_DEFAULT, new Schedule(Schedule.MANUAL, 0), null, null, "",
                false, "", "", "", "", false, USER_CREATED);
    }

    /** Changes the fields a change sets of a registry the caller may write; 404 when it cannot see it. */
    public RegistryConfig update(Principal p, String name, Config c) {
        if (c.name() != null && !c.name().equals(name)) {
            throw ApiException.badRequest("Name mismatch: the body names another registry than the URL");
        }
        return records.update(RegistryConfig.KIND, name, current -> {
            requireVisible(p, current, true);
            if (c.registryType() != null && !c.registryType().isEmpty()
                    && !c.registryType().equals(current.registryType())) {
                throw ApiException.badRequest("Registry type can't be changed: delete the registry and make it"
                        + " again");
            }
            return changed(p, current, c, false);
        });
    }

    /** Deletes a registry the caller may write; 400 while it is being scanned, as in NeuVector. */
    public void delete(Principal p, String name) {
        Versioned<RegistryConfig> current = records.load(RegistryConfig.KIND, name);
        requireVisible(p, current.value(), true);
        if (states.get(name).running()) {
            throw ApiException.badRequest("Cannot delete the registry while scan is running: stop the scan first");
        }
        records.delete(RegistryConfig.KIND, name, current);
    }

    /** {@code base} with what the change sets, checked; {@code creating} applies the defaults of a new registry. */
    private RegistryConfig changed(Principal p, RegistryConfig base, Config c, boolean creating) {
        if (c.cfgType() != null && !c.cfgType().isEmpty() && !c.cfgType().equals(USER_CREATED)) {
            throw ApiException.badRequest("cfg_type of a registry is user_created: there is no federation here");
        }
        RegistryType type = base.type();
        String registry = base.registry();
        String username = base.username();
        String password = "";
        String authToken = "";
        boolean authWithToken = base.authWithToken();
        AwsKey aws = base.awsKey();
        GcrKey gcr = base.gcrKey();
        switch (type) {
            case AMAZON_ECR -> {
                if (c.awsKey() != null) {
                    aws = awsKey(aws, c.awsKey());
                    registry = ecrUrl(aws);
                } else if (creating) {
                    throw ApiException.badRequest("Missing AWS keys: aws_key with the account id and region is"
                            + " required");
                }
            }
            case GOOGLE_GCR -> {
                if (c.gcrKey() != null) {
                    gcr = new GcrKey(secret(c.gcrKey().jsonKey(), "gcr_key.json_key", MAX_JSON_KEY));
                } else if (creating) {
                    throw ApiException.badRequest("No GCR json key provided: gcr_key.json_key is required");
                }
                if (c.registry() != null) {
                    registry = registryUrl(c.registry(), "Invalid registry URL", "registry");
                } else if (creating) {
                    registry = GCR_URL;
                }
            }
            case AZURE_ACR, DOCKER, JFROG, OPENSHIFT, RED_HAT, SONATYPE_NEXUS, GITLAB, IBM_CLOUD, HARBOR, GITHUB -> {
                if (c.registry() != null) {
                    registry = registryUrl(c.registry(), "Invalid registry URL", "registry");
                } else if (creating && type == RegistryType.GITHUB) {
                    registry = GITHUB_URL;
                } else if (creating) {
                    throw ApiException.badRequest("Missing registry URL: registry is required");
                }
                if (c.username() != null) {
                    username = text(c.username(), "username");
                }
                password = secret(c.password(), "password", MAX_SECRET);
                authToken = secret(c.authToken(), "auth_token", MAX_SECRET);
                authWithToken = or(c.authWithToken(), authWithToken);
            }
        }
        String jfrogMode = base.jfrogMode();
        boolean jfrogAql = base.jfrogAql();
        if (type == RegistryType.JFROG) {
            if (c.jfrogMode() != null || creating) {
                if (c.jfrogMode() == null || !JFROG_MODES.contains(c.jfrogMode())) {
                    throw ApiException.badRequest("Invalid Jfrog mode: jfrog_mode is Repository Path, Subdomain or"
                            + " Port");
                }
                jfrogMode = c.jfrogMode();
            }
            jfrogAql = or(c.jfrogAql(), jfrogAql);
        }
        String gitlabUrl = base.gitlabExternalUrl();
        String gitlabToken = "";
        if (type == RegistryType.GITLAB) {
            if (!registry.startsWith("https")) {
                throw ApiException.badRequest("Gitlab container registry should start with https");
            }
            if (c.gitlabExternalUrl() != null) {
                gitlabUrl = registryUrl(c.gitlabExternalUrl(), "Invalid Gitlab external_url",
                        "gitlab_external_url");
            } else if (creating) {
                throw ApiException.badRequest("Missing gitlab external url: gitlab_external_url is required");
            }
            gitlabToken = secret(c.gitlabPrivateToken(), "gitlab_private_token", MAX_SECRET);
        }
        String ibmTokenUrl = base.ibmCloudTokenUrl();
        String ibmAccount = base.ibmCloudAccount();
        if (type == RegistryType.IBM_CLOUD) {
            if (c.ibmCloudAccount() != null && !c.ibmCloudAccount().isEmpty()) {
                ibmAccount = text(c.ibmCloudAccount(), "ibm_cloud_account");
            } else if (creating) {
                throw ApiException.badRequest("IBM Cloud account is missing: ibm_cloud_account is required");
            }
            if (c.ibmCloudTokenUrl() != null) {
                ibmTokenUrl = plainUrl(c.ibmCloudTokenUrl(), "ibm_cloud_token_url");
            } else if (creating) {
                ibmTokenUrl = IBM_CLOUD_TOKEN_URL;
            }
        }
        List<String> domains = c.domains() == null ? base.domains() : domains(c.domains());
        List<String> filters = base.filters();
        if (c.filters() != null || creating) {
            List<String> given = Inputs.list(c.filters(), "filters");
            if (given.isEmpty() || given.size() > MAX_FILTERS) {
                throw ApiException.badRequest("A registry needs 1 to %d filters, such as org/repo:tag or *"
                        .formatted(MAX_FILTERS));
            }
            filters = given.stream().sorted().toList();
        }
        int repoLimit = or(c.repoLimit(), base.repoLimit());
        int tagLimit = or(c.tagLimit(), base.tagLimit());
        if (repoLimit < 0 || tagLimit < 0) {
            throw ApiException.badRequest("repo_limit and tag_limit are 0 (no limit) or more");
        }
        Schedule schedule = c.schedule() == null ? base.schedule() : schedule(type, c.schedule());
        RegistryConfig next = new RegistryConfig(base.name(), base.registryType(), registry, username, password,
                authToken, authWithToken, domains, base.createrDomains(), filters,
                or(c.rescanAfterDbUpdate(), base.rescanAfterDbUpdate()), or(c.scanLayers(), base.scanLayers()),
                repoLimit, tagLimit, schedule, aws, gcr, jfrogMode, jfrogAql, gitlabUrl, gitlabToken, ibmTokenUrl,
                ibmAccount, or(c.ignoreProxy(), base.ignoreProxy()), USER_CREATED).keepingSecretsOf(base);
        if (next.authWithToken() && next.authToken().isEmpty()) {
            throw ApiException.badRequest("Missing authentication token: auth_with_token needs auth_token");
        }
        List<RegistryFilter> parsed = next.parsedFilters();
        requireWrite(p, next.effectiveDomains());
        if (type == RegistryType.OPENSHIFT && !p.global(Permissions.REG_SCAN, true)) {
            for (RegistryFilter f : parsed) {
                if (!f.org().isEmpty() && !p.on(Permissions.REG_SCAN, true, f.org())) {
                    throw new ApiException(403, ApiError.OBJECT_ACCESS_DENIED,
                            "You don't have permission on namespace '%s' of filter %s".formatted(f.org(), f));
                }
            }
        }
        return next;
    }

    private static Schedule schedule(RegistryType type, ScheduleConfig s) {
        String schedule = or(s.schedule(), "");
        if (schedule.isEmpty()) {
            return new Schedule(Schedule.MANUAL, 0);
        }
        if (type == RegistryType.OPENSHIFT) {
            if (!schedule.equals(Schedule.MANUAL) && !schedule.equals(Schedule.AUTO)) {
                throw ApiException.badRequest("Invalid schedule: an OpenShift registry's is manual or auto");
            }
            return new Schedule(schedule, 0);
        }
        if (schedule.equals(Schedule.MANUAL)) {
            return new Schedule(schedule, 0);
        }
        if (!schedule.equals(Schedule.PERIODICAL)) {
            throw ApiException.badRequest("Invalid schedule: manual or periodical");
        }
        int interval = or(s.interval(), 0);
        if (interval < INTERVAL_MIN || interval > INTERVAL_MAX) {
            throw ApiException.badRequest("Schedule interval is out of range: %d to %d seconds".formatted(
                    INTERVAL_MIN, INTERVAL_MAX));
        }
        return new Schedule(schedule, interval);
    }

    /** The stored AWS account with what the change sets; the account and region must name an ECR registry. */
    private static AwsKey awsKey(AwsKey current, AwsKeyConfig given) {
        String id = or(given.id(), current == null ? "" : current.id());
        String region = or(given.region(), current == null ? "" : current.region());
        if (!AWS_ACCOUNT.matcher(id).matches() || !AWS_REGION.matcher(region).matches()) {
            throw ApiException.badRequest("aws_key needs the 12-digit account id and a region such as us-east-1");
        }
        return new AwsKey(id, secret(given.accessKeyId(), "aws_key.access_key_id", MAX_SECRET),
                secret(given.secretAccessKey(), "aws_key.secret_access_key", MAX_SECRET), region);
    }

    /** The address of an account's registry in a region, which NeuVector asks AWS for. */
    private static String ecrUrl(AwsKey key) {
        return "https://%s.dkr.ecr.%s.amazonaws.com%s/".formatted(key.id(), key.region(),
                key.region().startsWith("cn-") ? ".cn" : "");
    }

    /** A secret as sent: empty when left out, empty or masked, so that the stored one is kept. */
    private static String secret(String given, String field, int max) {
        if (given == null || given.equals(MASKED)) {
            return "";
        }
        boolean json = max == MAX_JSON_KEY; // a JSON key may be pretty-printed
        if (given.length() > max || given.chars().anyMatch(ch -> ch == 0x7f
                || ch < 0x20 && !(json && (ch == '\n' || ch == '\r' || ch == '\t')))) {
            throw ApiException.badRequest("%s is at most %d characters, without control characters".formatted(
                    field, max));
        }
        return given;
    }

    private static String text(String given, String field) {
        if (given.length() > MAX_TEXT) {
            throw ApiException.badRequest("%s is at most %d characters".formatted(field, MAX_TEXT));
        }
        return Addresses.text(given, field);
    }

    private static List<String> domains(List<String> given) {
        List<String> domains = Inputs.list(given, "domains");
        if (domains.size() > MAX_DOMAINS || domains.stream().anyMatch(d -> !NAMESPACE.matcher(d).matches())) {
            throw ApiException.badRequest("domains are up to %d namespace names".formatted(MAX_DOMAINS));
        }
        return domains.stream().distinct().toList();
    }

    /**
     * A registry's URL as NeuVector normalises it ({@code ParseRegistryURI}): http or https, ending with {@code /};
     * scheme and host in lower case. Credentials, a query or a fragment in it are refused (NeuVector keeps a query
     * and appends the slash to it).
     */
    static String registryUrl(String value, String message, String field) {
        URI uri = checkedUrl(value, message, field);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + (path.endsWith("/") ? path : path + "/");
    }

    /** An http or https URL kept as given (a token endpoint, which a slash would change). */
    private static String plainUrl(String value, String field) {
        checkedUrl(value, "Invalid " + field, field);
        return value;
    }

    private static URI checkedUrl(String value, String message, String field) {
        if (value.isEmpty() || value.length() > MAX_URL) {
            throw ApiException.badRequest(message + ": an http or https URL of up to %d characters is required"
                    .formatted(MAX_URL));
        }
        try {
            Addresses.url(value, field);
            URI uri = new URI(value);
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw ApiException.badRequest(message + ": a URL without query or fragment is required");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(message + ": " + e.getReason());
        } catch (ApiException e) {
            throw e.getMessage().startsWith(message) ? e : ApiException.badRequest(message + ": " + e.getMessage());
        }
    }

    /** The namespaces a registry made by the caller belongs to when it names none: none for a global writer. */
    private static List<String> createrDomains(Principal p) {
        if (p.global(Permissions.REG_SCAN, true)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(p.domainRoles().keySet().stream()
                .filter(d -> p.on(Permissions.REG_SCAN, true, d)).toList());
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** Whether the caller holds reg_scan read globally or in one of the registry's namespaces. */
    private static boolean readable(Principal p, RegistryConfig r) {
        return p.global(Permissions.REG_SCAN, false)
                || r.effectiveDomains().stream().anyMatch(d -> p.on(Permissions.REG_SCAN, false, d));
    }

    /** A registry the caller cannot see is 404, as if it did not exist; one it may not change, 403. */
    private static void requireVisible(Principal p, RegistryConfig r, boolean write) {
        if (!readable(p, r)) {
            throw ApiException.notFound("Registry");
        }
        if (write) {
            requireWrite(p, r.effectiveDomains());
        }
    }

    /** reg_scan write globally, or in every one of the namespaces (none: a global registry, global writers only). */
    static void requireWrite(Principal p, List<String> domains) {
        if (!p.global(Permissions.REG_SCAN, true) && (domains.isEmpty()
                || !domains.stream().allMatch(d -> p.on(Permissions.REG_SCAN, true, d)))) {
            throw ApiException.forbidden();
        }
    }
}
