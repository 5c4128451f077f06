package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.LayerCache;
import dev.bulwark.scanner.worker.ScanWorker;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bulwark scanner}: a scanner that takes its jobs from a controller, until stopped. */
@Command(name = "scanner", mixinStandardHelpOptions = true,
        description = {"Run a scanner for a controller: join its link (port 18400) once with a token, then take",
                "scan jobs (CI scans of registry images) and answer with NeuVector's reports. Several scanners",
                "share a controller's work; a job whose scanner stops goes to another."},
        footer = {"%nData directory: --data-dir, else $BULWARK_DATA_DIR/scanner, else ~/.local/share/bulwark/scanner;",
                "the scanner's certificate is kept in DATA/link/. The database is reloaded when `bulwark db update`",
                "replaces it, and the controller is told.",
                "%n" + ExitCodes.HELP})
final class ScannerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--controller", required = true, paramLabel = "HOST:PORT",
            description = "The controller's link (port 18400).")
    String controller;

    @Option(names = "--join-token", paramLabel = "TOKEN", description = "The token to join with, once (prefer "
            + "BULWARK_JOIN_TOKEN; make one with bulwark enforcer-token create).")
    String joinToken;

    @Option(names = "--max-tasks", paramLabel = "N", defaultValue = "2", description = "Jobs run at once, 1 to 64"
            + " (default: ${DEFAULT-VALUE}, as NeuVector's).")
    int maxTasks;

    @Option(names = "--max-cache-mb", paramLabel = "MB", defaultValue = "" + (LayerCache.DEFAULT_BYTES >> 20),
            description = "Memory for the layer"
            + " cache, 0 to 65536 (default: ${DEFAULT-VALUE}; 0 turns it off; NeuVector's --max_cache_record_mb): images"
            + " sharing base layers have them read and analysed once.")
    long maxCacheMb;

    @Option(names = "--db", paramLabel = "FILE", description = "The vulnerability database (default: $BULWARK_DB,"
            + " else ~/.local/share/bulwark/vulndb.bwdb).")
    Path db;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the scanner keeps its certificate.")
    Path dataDir;

    @Mixin
    DbTrustOptions trustOptions = new DbTrustOptions();

    @Override
    public Integer call() throws Exception {
        if (maxTasks < 1 || maxTasks > 64) {
            throw new InvalidInputException("--max-tasks must be 1 to 64");
        }
        if (maxCacheMb < 0 || maxCacheMb > 65536) {
            throw new InvalidInputException("--max-cache-mb must be 0 to 65536");
        }
        DbLocations locations = DbLocations.system();
        Path data = dataDir != null ? dataDir : locations.scannerData();
        String token = joinToken != null ? joinToken : System.getenv("BULWARK_JOIN_TOKEN");
        String node = InetAddress.getLocalHost().getHostName();
        var err = spec.commandLine().getErr();
        ScanWorker worker = Scanners.start(controller, Scanners.identity(data.resolve("link"), controller,
                Optional.ofNullable(token), node), maxTasks, maxCacheMb << 20, db != null ? db : locations.database(),
                trustOptions.trust(locations), err);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }));
        err.printf("bulwark scanner: taking up to %d jobs at once from the controller at %s%n", maxTasks, controller);
        err.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
