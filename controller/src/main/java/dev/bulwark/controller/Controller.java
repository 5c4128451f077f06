package dev.bulwark.controller;

import dev.bulwark.controller.admission.AdmissionApi;
import dev.bulwark.controller.api.ApiServer;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.audit.LogApi;
import dev.bulwark.controller.auth.Accounts;
import dev.bulwark.controller.backup.BackupApi;
import dev.bulwark.controller.backup.Backups;
import dev.bulwark.controller.domain.Records;
import dev.bulwark.controller.auth.ApiKeyApi;
import dev.bulwark.controller.auth.AuthApi;
import dev.bulwark.controller.auth.ProfileApi;
import dev.bulwark.controller.auth.RoleApi;
import dev.bulwark.controller.auth.Sessions;
import dev.bulwark.controller.auth.UserApi;
import dev.bulwark.controller.policy.GroupApi;
import dev.bulwark.controller.policy.Policy;
import dev.bulwark.controller.policy.CrdApi;
import dev.bulwark.controller.policy.DomainApi;
import dev.bulwark.controller.policy.FileMonitorApi;
import dev.bulwark.controller.policy.ProcessProfileApi;
import dev.bulwark.controller.policy.ResponseRuleApi;
import dev.bulwark.controller.policy.RuleApi;
import dev.bulwark.controller.policy.SensorApi;
import dev.bulwark.controller.policy.VulnerabilityProfileApi;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The controller's composition root: the store, TLS, accounts, audit logs and every API, wired by hand. */
public final class Controller implements AutoCloseable {

    /**
     * @param dataDir holds the store ({@code store/}) and the TLS material ({@code tls/})
     * @param tls a certificate chain and key of the user's, replacing the internal CA's
     */
    public record Settings(Path dataDir, String host, int port, Optional<Path[]> tls, Optional<String> adminPassword,
            String clusterName) {}

    private final ClusterStore store;
    private final Records records;
    private final ApiServer server;

    private Controller(ClusterStore store, Records records, ApiServer server) {
        this.store = store;
        this.records = records;
        this.server = server;
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
        ownerOnly(settings.dataDir());
        ClusterStore store = EmbeddedStore.open(settings.dataDir().resolve("store"));
        try {
            KeyStore keys = settings.tls().isPresent() ? InternalCa.keyStore(settings.tls().get()[0],
                    settings.tls().get()[1]) : InternalCa.serverKeyStore(settings.dataDir().resolve("tls"));
            java.time.InstantSource clock = java.time.InstantSource.system();
            EventLog events = new EventLog(EventLog.DEFAULT_CAPACITY, settings.clusterName(), clock);
            EventLog activity = new EventLog(EventLog.DEFAULT_CAPACITY, settings.clusterName(), clock);
            Records records = new Records(store);
            Accounts accounts = new Accounts(records, new Sessions(records, clock), events, clock);
            accounts.bootstrapAdmin(settings.adminPassword()).ifPresent(password -> out.printf(
                    "bulwark controller: created user 'admin' with password %s (shown once; change it)%n", password));
            Policy policy = new Policy(records, Kinds.perGroup());
            SystemConfigApi systemConfig = new SystemConfigApi(records, settings.clusterName());
            DomainApi domains = new DomainApi(policy, records);
            Backups backups = new Backups(store, records, policy, Kinds.ALL, clock);
            List<Consumer<Routes>> endpoints = List.of(new AuthApi(accounts, records), new UserApi(accounts, records),
                    new RoleApi(accounts, records), new ApiKeyApi(accounts, records), new ProfileApi(accounts),
                    new LogApi(events, activity), new GroupApi(policy), new RuleApi(policy, clock),
                    new BackupApi(backups, events, clock), new SystemApi(policy, domains::count), systemConfig,
                    new VulnerabilityProfileApi(records, clock), domains, new AdmissionApi(records, events),
                    new ResponseRuleApi(records, policy, systemConfig::webhookNames),
                    new ProcessProfileApi(records, policy, clock), SensorApi.dlp(records, policy),
                    SensorApi.waf(records, policy), new CrdApi(policy, records, events, clock),
                    new FileMonitorApi(records, policy));
            ApiServer server = ApiServer.start(new ApiServer.Listen(settings.host(), settings.port(), keys,
                    InternalCa.password()), accounts, events, activity, endpoints);
            return new Controller(store, records, server);
        } catch (RuntimeException | java.io.IOException | java.security.GeneralSecurityException e) {
            store.close();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
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
        records.close();
        store.close();
    }
}
