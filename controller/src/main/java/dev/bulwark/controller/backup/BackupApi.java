package dev.bulwark.controller.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.controller.Objects;
import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.ImportTasks;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.SystemConfigApi;
import dev.bulwark.controller.admission.AdmissionApi;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.auth.Accounts;
import dev.bulwark.controller.auth.PasswordProfile;
import dev.bulwark.controller.auth.Permissions;
import dev.bulwark.controller.auth.Role;
import dev.bulwark.controller.auth.StoredApiKey;
import dev.bulwark.controller.auth.StoredUser;
import dev.bulwark.controller.policy.DomainApi;
import dev.bulwark.controller.policy.PolicyStore;
import dev.bulwark.controller.store.ClusterStore;
import dev.bulwark.controller.store.KeyValue;
import dev.bulwark.controller.store.Txn;
import io.javalin.http.Context;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code GET /v1/file/config?section=all|policy|user} exports a gzip backup (with {@code raw=true}; else, as
 * NeuVector does, as the {@code configuration} part of a multipart body); {@code POST /v1/file/config} (the file as
 * the body, or as the {@code configuration} form field) checks the whole file (checksum, every record readable,
 * policy consistent), then replaces the sections it holds in one transaction, in NeuVector's import task protocol
 * ({@link ImportTasks}): a bad file changes nothing. Needs the global {@code config} permission both ways.
 */
public final class BackupApi implements Consumer<Routes> {

    static final String SIGNING_KEY = "secret/backup-signing-key";
    private static final List<String> USER = List.of(Accounts.USER, Accounts.ROLE, Accounts.APIKEY, Accounts.PROFILE);
    private static final List<String> POLICY = List.of("group", "policy/rule", "vulnerability/profile", "admission",
            "response", "process_profile", "dlp", "waf", "file_monitor");

    /** The kinds of each section; NeuVector's clients ask for {@code user,policy} as one backup of both. */
    static final Map<String, List<String>> SECTIONS = Map.of("user", USER, "policy", POLICY,
            "policy,user", java.util.stream.Stream.concat(USER.stream(), POLICY.stream()).toList(),
            "all", java.util.stream.Stream.of(USER, POLICY, List.of("system", DomainApi.KIND, DomainApi.SETTING_KIND))
                    .flatMap(List::stream).toList());
    static final String ORDER_KEY = PolicyStore.ORDER_KEY;

    private final ClusterStore store;
    private final PolicyStore policy;
    private final EventLog events;
    private final ImportTasks imports = new ImportTasks();

    public BackupApi(ClusterStore store, PolicyStore policy, EventLog events) {
        this.store = store;
        this.policy = policy;
        this.events = events;
    }

    private void event(Context ctx, String name, String message) {
        events.record(name, "Info", "CONFIG", Access.of(ctx).name(), ctx.ip(), message);
    }

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/file/config", Permissions.CONFIG, this::export);
        routes.post("/v1/file/config", Permissions.CONFIG, this::restore);
    }

    /** A comma-separated list of sections, in any order, as one of {@link #SECTIONS}; none is all. */
    private static String section(String value) {
        java.util.SortedSet<String> asked = new java.util.TreeSet<>(List.of(
                (value == null || value.isEmpty() ? "all" : value).split(",")));
        if (!List.of("all", "policy", "user").containsAll(asked)) {
            throw ApiException.badRequest("section is all, policy or user, or a comma-separated list of them");
        }
        return asked.contains("all") ? "all" : String.join(",", asked);
    }

    /**
     * The cluster's key for signing backups: random, made on first use, kept in the store under a key no backup
     * section holds, so that no backup carries it.
     */
    private byte[] signingKey() {
        Optional<KeyValue> kept = store.get(SIGNING_KEY);
        if (kept.isPresent()) {
            return kept.get().value();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        store.commit(Txn.builder().require(SIGNING_KEY, Txn.ABSENT).put(SIGNING_KEY, key).build());
        return store.get(SIGNING_KEY).orElseThrow().value(); // another request may have made it first
    }

    private void export(Context ctx) {
        Access.require(ctx, Permissions.CONFIG, false, "");
        String section = section(ctx.queryParam("section"));
        if (SECTIONS.get(section).contains(Accounts.USER)) { // password hashes: only for who may change users
            Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (String kind : SECTIONS.get(section)) {
            for (KeyValue kv : store.list(Objects.prefix(kind))) {
                entries.put(kv.key(), kv.key().equals(SystemConfigApi.KEY) ? SystemConfigApi.forBackup(kv)
                        : tree(kv.value()));
            }
        }
        if (SECTIONS.get(section).contains("group")) {
            store.get(ORDER_KEY).ifPresent(kv -> entries.put(kv.key(), tree(kv.value())));
        }
        byte[] file = new ConfigArchive(section, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), entries)
                .write(signingKey());
        event(ctx, "Configuration.Export", "exported section " + section);
        String name = "bulwark-config-%s.json.gz".formatted(section.replace(',', '-'));
        if ("true".equals(ctx.queryParam("raw"))) {
            ctx.header("Content-Disposition", "attachment; filename=\"%s\"".formatted(name));
            ctx.contentType("application/gzip").result(file);
        } else {
            multipart(ctx, name, file);
        }
    }

    /** NeuVector's default answer: the file as the one part {@code configuration} of a multipart/form-data body. */
    private static void multipart(Context ctx, String name, byte[] file) {
        String boundary = java.util.UUID.randomUUID().toString().replace("-", "");
        byte[] head = ("--%s\r\nContent-Disposition: form-data; name=\"configuration\"; filename=\"%s\"\r\n"
                + "Content-Type: application/x-gzip\r\n\r\n").formatted(boundary, name)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--%s--\r\n".formatted(boundary).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(head.length + file.length + tail.length);
        body.writeBytes(head);
        body.writeBytes(file);
        body.writeBytes(tail);
        ctx.contentType("multipart/form-data; boundary=" + boundary).result(body.toByteArray());
    }

    private static JsonNode tree(byte[] value) {
        try {
            return Objects.STORED.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void restore(Context ctx) {
        Access.require(ctx, Permissions.CONFIG, true, "");
        imports.handle(ctx, c -> {
            try {
                replaceConfig(c);
            } catch (ApiException e) {
                events.record("Configuration.Import.Failed", "Warning", "CONFIG", Access.of(c).name(), c.ip(),
                        e.getMessage());
                throw e;
            }
        });
    }

    private void replaceConfig(Context ctx) {
        var upload = ctx.isMultipartFormData() ? ctx.uploadedFile("configuration") : null;
        byte[] file;
        try {
            file = upload != null ? upload.content().readAllBytes() : ctx.bodyAsBytes();
        } catch (IOException e) {
            throw ConfigArchive.fail("cannot read the upload");
        }
        if (file.length == 0) {
            throw ConfigArchive.fail("the backup is empty");
        }
        ConfigArchive archive = ConfigArchive.read(file, signingKey(), "true".equals(ctx.queryParam("trust")));
        List<String> kinds = SECTIONS.get(section(archive.section()));
        if (kinds.contains(Accounts.USER)) { // users and roles replaced: only for who may change them
            Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        }
        Txn.Builder txn = Txn.builder();
        kinds.forEach(kind -> txn.deletePrefix(Objects.prefix(kind)));
        boolean hasPolicy = kinds.contains("group");
        if (hasPolicy) {
            txn.delete(ORDER_KEY);
        }
        Map<String, byte[]> puts = new LinkedHashMap<>();
        for (var e : archive.entries().entrySet()) {
            String key = e.getKey();
            boolean inSection = key.equals(ORDER_KEY) ? hasPolicy
                    : kinds.stream().anyMatch(k -> key.startsWith(Objects.prefix(k)));
            if (!inSection) {
                throw ConfigArchive.fail("entry %s is outside the section '%s'".formatted(key, archive.section()));
            }
            byte[] value = Objects.encode(e.getValue());
            puts.put(key, key.equals(SystemConfigApi.KEY) ? restoredConfig(value) : value);
        }
        check(puts, kinds, hasPolicy);
        puts.forEach(txn::put);
        policy.commitAndWait(txn.build()).orElseThrow(() ->
                ConfigArchive.fail("the configuration changed during the restore; retry"));
        event(ctx, "Configuration.Import", "imported section %s (%d records)".formatted(archive.section(),
                puts.size()));
    }

    private byte[] restoredConfig(byte[] value) {
        try {
            return SystemConfigApi.forRestore(new KeyValue(SystemConfigApi.KEY, value, 0, 0, 0),
                    store.get(SystemConfigApi.KEY));
        } catch (RuntimeException e) {
            throw ConfigArchive.fail("the system config cannot be read: " + e.getMessage());
        }
    }

    /** Every record must read as its type, and the policy must hold together, before anything is written. */
    private void check(Map<String, byte[]> puts, List<String> kinds, boolean hasPolicy) {
        try {
            for (var e : puts.entrySet()) {
                KeyValue kv = new KeyValue(e.getKey(), e.getValue(), 0, 0, 0);
                String key = e.getKey();
                if (key.startsWith(Objects.prefix(Accounts.USER))) {
                    Objects.decode(kv, StoredUser.class);
                } else if (key.startsWith(Objects.prefix(Accounts.ROLE))) {
                    Objects.decode(kv, Role.class);
                } else if (key.startsWith(Objects.prefix(Accounts.APIKEY))) {
                    Objects.decode(kv, StoredApiKey.class);
                } else if (key.startsWith(Objects.prefix(Accounts.PROFILE))) {
                    Objects.decode(kv, PasswordProfile.class).validate();
                } else if (key.equals(AdmissionApi.STATE_KEY)) {
                    Objects.decode(kv, AdmissionApi.State.class);
                }
            }
        } catch (RuntimeException e) {
            throw ConfigArchive.fail("a record cannot be read: " + e.getMessage());
        }
        if (kinds.contains(Accounts.USER) && !puts.containsKey(Objects.key(Accounts.USER, Role.ADMIN))) {
            throw ConfigArchive.fail("the backup has no admin user");
        }
        if (hasPolicy) {
            try {
                policy.checkImport(puts);
            } catch (ApiException e) {
                throw ConfigArchive.fail(e.getMessage());
            }
        }
    }
}
