package dev.bulwark.controller;

import dev.bulwark.controller.admission.AdmissionApi;
import dev.bulwark.controller.admission.AdmissionWebhook;
import dev.bulwark.controller.admission.ScanFacts;
import dev.bulwark.controller.admission.WebhookServer;
import dev.bulwark.controller.assets.AssetApi;
import dev.bulwark.controller.assets.AssetCatalog;
import dev.bulwark.controller.assets.VulAssetApi;
import dev.bulwark.controller.api.ApiServer;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.audit.LogApi;
import dev.bulwark.controller.auth.ApiKeyApi;
import dev.bulwark.controller.auth.AuthApi;
import dev.bulwark.controller.auth.ProfileApi;
import dev.bulwark.controller.auth.RoleApi;
import dev.bulwark.controller.auth.UserApi;
import dev.bulwark.controller.backup.BackupApi;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.harbor.HarborApi;
import dev.bulwark.controller.metrics.PrometheusApi;
import dev.bulwark.controller.network.ConversationApi;
import dev.bulwark.controller.network.ConversationsView;
import dev.bulwark.controller.network.ViolationApi;
import dev.bulwark.controller.policy.CrdApi;
import dev.bulwark.controller.policy.DomainApi;
import dev.bulwark.controller.policy.FileMonitorApi;
import dev.bulwark.controller.policy.GroupApi;
import dev.bulwark.controller.policy.ProcessProfileApi;
import dev.bulwark.controller.policy.ResponseRuleApi;
import dev.bulwark.controller.policy.RuleApi;
import dev.bulwark.controller.policy.SensorApi;
import dev.bulwark.controller.policy.VulnerabilityProfileApi;
import dev.bulwark.controller.registry.RegistryApi;
import dev.bulwark.controller.registry.RegistryScanApi;
import dev.bulwark.controller.registry.RegistryTests;
import dev.bulwark.controller.runtime.ControllerApi;
import dev.bulwark.controller.runtime.EnforcerApi;
import dev.bulwark.controller.runtime.HostApi;
import dev.bulwark.controller.runtime.LearnedServices;
import dev.bulwark.controller.runtime.Runtime;
import dev.bulwark.controller.runtime.ServiceApi;
import dev.bulwark.controller.runtime.WorkloadApi;
import dev.bulwark.controller.scan.AssetScanReports;
import dev.bulwark.controller.scan.RuntimeScanApi;
import dev.bulwark.controller.scan.ScanApi;
import dev.bulwark.controller.scan.Scanning;
import dev.bulwark.controller.score.RiskMetrics;
import dev.bulwark.controller.score.ScoreApi;
import dev.bulwark.controller.runtime.WorkloadViews;
import dev.bulwark.controller.store.ClusterStore;
import dev.bulwark.controller.store.EmbeddedStore;
import dev.bulwark.controller.store.StoreException;
import dev.bulwark.controller.tls.InternalCa;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The controller's composition root: the store, TLS, accounts, audit logs and every API, wired by hand. */
public final class Controller implements AutoCloseable {

    /**
     * @param dataDir holds the store ({@code store/}) and the TLS material ({@code tls/})
     * @param tls a certificate chain and key of the user's, replacing the internal CA's for the REST API
     * @param linkPort where enforcers connect (NeuVector's 18400); 0 for any free port
     * @param admissionPort where the API server sends AdmissionReviews (NeuVector's 20443); 0 for any free port
     */
    public record Settings(Path dataDir, String host, int port, Optional<Path[]> tls, Optional<String> adminPassword,
            String clusterName, int linkPort, int admissionPort) {

        /** Settings with the admission webhook on any free port. */
        public Settings(Path dataDir, String host, int port, Optional<Path[]> tls, Optional<String> adminPassword,
                String clusterName, int linkPort) {
            this(dataDir, host, port, tls, adminPassword, clusterName, linkPort, 0);
        }

        /** Settings with the link and the webhook on any free port, as tests and tools that start several need. */
        public Settings(Path dataDir, String host, int port, Optional<Path[]> tls, Optional<String> adminPassword,
                String clusterName) {
            this(dataDir, host, port, tls, adminPassword, clusterName, 0, 0);
        }
    }

    /** The admission webhook's service name, as NeuVector's charts create it and its caBundle certifies it. */
    public static final String WEBHOOK_SERVICE = "neuvector-svc-admission-webhook." + AdmissionWebhook.NAMESPACE
            + ".svc";

    private final ClusterStore store;
    private final Records records;
    private final ApiServer server;
    private final RuntimePlane runtime;
    private final Admission admission;

    private Controller(ClusterStore store, Records records, ApiServer server, RuntimePlane runtime,
            Admission admission) {
        this.store = store;
        this.records = records;
        this.server = server;
        this.runtime = runtime;
        this.admission = admission;
    }

    /** Admission control's parts: the facts from scans, the webhook that judges, its HTTPS server. */
    private record Admission(ScanFacts facts, AdmissionWebhook webhook, WebhookServer server)
            implements AutoCloseable {

        static Admission start(Settings settings, Services s, RuntimePlane plane, Logs logs, InstantSource clock) {
            ScanFacts facts = new ScanFacts(s.records(), plane.registryScans(), plane.scanning().jobs(),
                    s.vulnerabilityProfiles());
            AdmissionWebhook webhook = new AdmissionWebhook(s.admission(), s.records(), facts, logs.audits(), clock);
            java.util.Set<String> hosts = new java.util.LinkedHashSet<>(List.of(WEBHOOK_SERVICE,
                    WEBHOOK_SERVICE + ".cluster.local", hostName(), "localhost", "127.0.0.1"));
            if (!settings.host().equals("0.0.0.0") && !settings.host().equals("::")) {
                hosts.add(settings.host());
            }
            InternalCa.Authority ca = InternalCa.authority(settings.dataDir().resolve("tls"));
            try {
                return new Admission(facts, webhook, WebhookServer.start(new ApiServer.Listen(settings.host(),
                        settings.admissionPort(), InternalCa.keyStore(ca.server(WEBHOOK_SERVICE, List.copyOf(hosts))),
                        InternalCa.password()), webhook));
            } catch (RuntimeException e) {
                webhook.close();
                facts.close();
                throw e;
            }
        }

        @Override
        public void close() {
            server.close();
            webhook.close();
            facts.close();
        }
    }

    /** Creates the data directory readable by its owner only, or makes an existing one so. */
    private static void ownerOnly(Path dir) {
        try {
            var owner = PosixFilePermissions.fromString("rwx------");
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(owner));
            Files.setPosixFilePermissions(dir, owner);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory %s: %s".formatted(dir, e.getMessage()), e);
        }
    }

    /** Starts serving; a generated admin password is printed to {@code out} on first start only. */
    public static Controller start(Settings settings, PrintStream out) {
        logToLogback();
        ownerOnly(settings.dataDir());
        ClusterStore store = EmbeddedStore.open(settings.dataDir().resolve("store"));
        RuntimePlane runtime = null;
        Admission admission = null;
        try {
            KeyStore keys = settings.tls().isPresent() ? InternalCa.keyStore(settings.tls().get()[0],
                    settings.tls().get()[1]) : InternalCa.serverKeyStore(settings.dataDir().resolve("tls"));
            InstantSource clock = InstantSource.system();
            Logs logs = Logs.of(settings.clusterName(), clock);
            Services services = Services.over(store, logs.events(), settings.clusterName(), clock);
            services.accounts().bootstrapAdmin(settings.adminPassword()).ifPresent(password -> out.printf(
                    "bulwark controller: created user 'admin' with password %s (shown once; change it)%n", password));
            runtime = RuntimePlane.start(services, InternalCa.authority(settings.dataDir().resolve("tls")), logs,
                    clock, settings.host(), settings.linkPort(), settings.dataDir());
            admission = Admission.start(settings, services, runtime, logs, clock);
            ApiServer server = ApiServer.start(new ApiServer.Listen(settings.host(), settings.port(), keys,
                    InternalCa.password()), services.accounts(), logs.events(), logs.activity(),
                    handlers(services, runtime, admission.webhook(), logs, clock), List.of(new HarborApi(
                            runtime.scanning().jobs(), runtime.scanning().databases(),
                            services.vulnerabilityProfiles(), SystemApi.version(), clock),
                            new PrometheusApi(runtime.scanning(), runtime.runtimeScans(), runtime.registryScans(),
                                    runtime.api(), services.vulnerabilityProfiles())));
            return new Controller(store, services.records(), server, runtime, admission);
        } catch (RuntimeException | java.io.IOException | java.security.GeneralSecurityException e) {
            if (admission != null) {
                admission.close();
            }
            if (runtime != null) {
                runtime.close();
            }
            store.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Every REST handler, each over the services it calls. */
    private static List<Consumer<Routes>> handlers(Services s, RuntimePlane plane, AdmissionWebhook webhook, Logs logs,
            InstantSource clock) {
        Runtime runtime = plane.api();
        EventLog events = logs.events();
        WorkloadViews workloads = new WorkloadViews(runtime.state(), s.policy(), s.processProfiles(),
                plane.runtimeScans(), runtime.quarantine(), runtime.memberships(),
                plane.network().conversations()::applicationPorts);
        LearnedServices services = new LearnedServices(s.policy(), s.processProfiles(), s.systemConfigs());
        List<Consumer<Routes>> runtimeApis = List.of(new WorkloadApi(workloads, runtime, clock),
                new HostApi(runtime.state(), s.policy(), plane.runtimeScans()), new EnforcerApi(runtime, clock),
                new ControllerApi(hostName(), SystemApi.version(), clock.instant(), clock),
                new ServiceApi(services, workloads),
                new ScanApi(plane.scanning().jobs(), plane.scanning().databases(), s.records(),
                        s.vulnerabilityProfiles(), clock),
                new RegistryScanApi(s.registries(), plane.registryScans(), s.vulnerabilityProfiles()),
                new RuntimeScanApi(plane.runtimeScans(), new AssetScanReports(plane.runtimeScans(),
                        runtime.state())),
                new ScoreApi(new RiskMetrics(s.systemConfigs(), s.policy(), s.processProfiles(), runtime.state(),
                        s.admission(), plane.runtimeScans())),
                new AssetApi(plane.runtimeScans(), plane.registryScans(), runtime.state(), s.policy()),
                new VulAssetApi(new AssetCatalog(plane.runtimeScans(), plane.registryScans(), s.registries(),
                        runtime.state(), s.policy()), clock),
                new ConversationApi(new ConversationsView(plane.network().conversations(), runtime.state(), workloads,
                        s.policy()), plane.network().conversations()),
                new ViolationApi(logs.violations(), runtime.state(), workloads));
        List<Consumer<Routes>> configApis = List.of(new AuthApi(s.accounts(), s.users()),
                new UserApi(s.accounts(), s.users()),
                new RoleApi(s.roles()), new ApiKeyApi(s.apiKeys()),
                new ProfileApi(s.accounts()), new LogApi(events, logs.activity(), logs.incidents(), logs.audits(),
                        logs.violations()::readable),
                new GroupApi(s.policy(), workloads::members),
                new RuleApi(s.policy(), s.networkRules()), new BackupApi(s.backups(), events, clock),
                new SystemApi(s.policy(), runtime, () -> s.domains().names().size(), services::count),
                new SystemConfigApi(s.systemConfigs()), new EulaApi(s.records()),
                new VulnerabilityProfileApi(s.vulnerabilityProfiles()), new DomainApi(s.domains()),
                new AdmissionApi(s.admission(), webhook, events, clock),
                new ResponseRuleApi(s.responseRules(), s.systemConfigs()::webhookNames),
                new ProcessProfileApi(s.policy(), s.processProfiles()), new SensorApi(s.policy(), s.dlp(), "dlp"),
                new SensorApi(s.policy(), s.waf(), "waf"), new CrdApi(s.crds(), events, clock),
                new FileMonitorApi(s.policy(), s.fileRules()),
                new RegistryApi(s.registries(), new RegistryTests(plane.scanning().jobs(), clock)));
        return java.util.stream.Stream.concat(configApis.stream(), runtimeApis.stream()).toList();
    }

    /** This machine's name: the kernel's, else the environment's, else the resolver's. */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // not Linux: ask the environment and the resolver
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** Sends what our code logs through {@code System.Logger} (java.util.logging) to logback, with the servers'. */
    private static void logToLogback() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    public int port() {
        return server.port();
    }

    /** Where the API server sends AdmissionReviews. */
    public int admissionPort() {
        return admission.server().port();
    }

    /** Where enforcers connect. */
    public int linkPort() {
        return runtime.link().port();
    }

    /** The runtime plane, for the all-in-one mode (its local enforcer) and tests. */
    public Runtime runtime() {
        return runtime.api();
    }

    /** The scanning service, for the all-in-one mode (its local scanner) and tests. */
    public Scanning scanning() {
        return runtime.scanning();
    }

    /** The store, for tools and tests that look beneath the API. */
    public ClusterStore store() {
        return store;
    }

    /** Every endpoint served, as {@code METHOD /path/{param}}. */
    public java.util.List<String> endpoints() {
        return server.endpoints();
    }

    /** What each endpoint that needs a permission needs. */
    public java.util.Map<String, Routes.Requirement> requirements() {
        return server.requirements();
    }

    /** Every port the controller listens on: only its HTTPS port. */
    public java.util.List<Integer> ports() {
        return server.ports();
    }

    @Override
    public void close() {
        server.close();
        admission.close();
        runtime.close();
        records.close();
        store.close();
    }
}
