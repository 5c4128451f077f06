package dev.bulwark.controller.api;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * NeuVector's import protocol for uploaded files ({@code /v1/file/config}, {@code /v1/file/group/config}): its
 * server answers an upload with 206 and a task ({@code RESTImportTaskData}), and its clients post again with the
 * task's {@code X-Transaction-ID} and an empty body until the answer is 200 with status {@code done}. Here an import
 * runs to its end (or fails with its error) before the first answer, so that answer already carries the finished
 * task and the first status query ends the client's polling. Thread-safe.
 */
public final class ImportTasks {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code RESTImportTask}: {@code status} is {@code done}, or the reason the import failed. */
    public record ImportTask(String tid, String ctrlerId, String lastUpdateTime, int percentage, String triggeredBy,
            String status, String tempToken) {}

    /** An import: checks and applies the uploaded file, or throws the {@link ApiException} that refuses it. */
    @FunctionalInterface
    public interface Import {
        void run(Context ctx);
    }

    private final String controllerId = randomId();
    private final InstantSource clock;
    private final AtomicReference<ImportTask> last = new AtomicReference<>(
            new ImportTask("", controllerId, "", 0, "", "", ""));

    /** @param clock the time tasks are stamped with */
    public ImportTasks(InstantSource clock) {
        this.clock = clock;
    }

    /** The last import's task (an empty one before any). */
    public ImportTask last() {
        return last.get();
    }

    /**
     * Answers a status query (a {@code X-Transaction-ID} with an empty body) with the task of that id, or runs an import
     * and answers 206 with its finished task; a refused import is recorded as the last task and rethrown.
     */
    public void handle(Context ctx, Import importer) {
        String tid = ctx.header("X-Transaction-ID");
        // the length, not the body: reading the body here would consume a multipart upload
        if (tid != null && !tid.isEmpty() && ctx.contentLength() == 0) {
            ImportTask task = last.get();
            if (!task.tid().equals(tid)) {
                throw new ApiException(410, ApiError.INVALID_REQUEST, "No import task " + tid);
            }
            ctx.json(Map.of("data", task));
            return;
        }
        String id = tid == null || tid.isEmpty() ? randomId() : tid;
        String user = Access.of(ctx).name();
        try {
            importer.run(ctx);
        } catch (ApiException e) {
            last.set(task(id, user, e.getMessage()));
            throw e;
        }
        ImportTask done = task(id, user, "done");
        last.set(done);
        ctx.status(206).json(Map.of("data", done));
    }

    private ImportTask task(String tid, String user, String status) {
        return new ImportTask(tid, controllerId, clock.instant().toString(), 100, user, status, "");
    }

    /** 16 random bytes in hex; nextBytes, unlike getSeed, never waits for the kernel's entropy. */
    private static String randomId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
