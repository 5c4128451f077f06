package dev.bulwark.controller.backup;

import dev.bulwark.controller.api.Access;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.api.ImportTasks;
import dev.bulwark.controller.api.Routes;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.auth.Permissions;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code GET /v1/file/config?section=all|policy|user} exports a gzip backup (with {@code raw=true}; else, as
 * NeuVector does, as the {@code configuration} part of a multipart body); {@code POST /v1/file/config} (the file as
 * the body, or as the {@code configuration} form field) checks the whole file (checksum, every record readable,
 * policy consistent), then replaces the sections it holds in one transaction, in NeuVector's import task protocol
 * ({@link ImportTasks}): a bad file changes nothing. Needs the global {@code config} permission both ways.
 */
public final class BackupApi implements Consumer<Routes> {

    private final Backups backups;
    private final EventLog events;
    private final ImportTasks imports;

    public BackupApi(Backups backups, EventLog events, InstantSource clock) {
        this.backups = backups;
        this.events = events;
        this.imports = new ImportTasks(clock);
    }

    private void event(Context ctx, String name, String message) {
        events.record(name, "Info", "CONFIG", Access.of(ctx).name(), ctx.ip(), message);
    }

    @Override
    public void accept(Routes routes) {
        routes.get("/v1/file/config", Permissions.CONFIG, this::export);
        routes.post("/v1/file/config", Permissions.CONFIG, this::restore);
    }

    /** The section's name as backups carry it: {@code all}, or its sections sorted and comma-separated. */
    private static String section(String value) {
        Backups.sections(value);
        java.util.SortedSet<String> asked = new java.util.TreeSet<>(List.of(
                (value == null || value.isEmpty() ? "all" : value).split(",")));
        return asked.contains("all") ? "all" : String.join(",", asked);
    }

    private void export(Context ctx) {
        Access.require(ctx, Permissions.CONFIG, false, "");
        String section = section(ctx.queryParam("section"));
        if (backups.holdsUsers(section)) { // password hashes: only for who may change users
            Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        }
        byte[] file = backups.export(section);
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
        ConfigArchive archive = backups.read(file, "true".equals(ctx.queryParam("trust")));
        if (backups.holdsUsers(section(archive.section()))) { // users and roles replaced: only for who may change them
            Access.require(ctx, Permissions.AUTHORIZATION, true, "");
        }
        int restored = backups.restore(archive);
        event(ctx, "Configuration.Import", "imported section %s (%d records)".formatted(archive.section(), restored));
    }
}
