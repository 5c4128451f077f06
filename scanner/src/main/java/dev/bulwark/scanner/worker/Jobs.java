package dev.bulwark.scanner.worker;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.json.Json;
import dev.bulwark.link.Ports;
import dev.bulwark.link.proto.Job;
import dev.bulwark.link.proto.JobResult;
import dev.bulwark.scanner.service.FilesScanReport;
import dev.bulwark.scanner.service.FilesScanRequest;
import dev.bulwark.scanner.service.RegistryListRequest;
import dev.bulwark.scanner.service.RegistryListing;
import dev.bulwark.scanner.service.RepositoryScanReport;
import dev.bulwark.scanner.service.RepositoryScanRequest;
import dev.bulwark.scanner.service.RepositoryScanner;
import dev.bulwark.scanner.service.ScannedImage;
import dev.bulwark.vulndb.bundle.LiveBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Runs one job as its kind says ({@code repository}: NeuVector's CI scan of an image; {@code registry_list}: what a
 * registry holds; {@code files}: the files of a running container or host, fetched from the controller) and answers with its result: the report, gzipped, or why there is none. A request
 * that does not read is a bad request; an image that cannot be pulled or read fails the job; anything else (the
 * scanner's own trouble, memory included) asks for the job to be given to another scanner.
 */
final class Jobs {

    static final String REPOSITORY = "repository";
    static final String REGISTRY_LIST = "registry_list";
    static final String FILES = "files";

    /** Brings the files a job names from the controller, into a temporary file the caller deletes. */
    interface Fetcher {
        Path fetch(String files) throws IOException;
    }
    /** Room left in a link message for the rest of the result. */
    private static final int MAX_REPORT = Ports.MAX_MESSAGE - (64 << 10);
    private static final ObjectMapper JSON = Json.snakeCase();
    private static final ObjectMapper COMPACT = Json.compactSnakeCase();
    private static final System.Logger LOG = System.getLogger(Jobs.class.getName());

    private final RepositoryScanner scanner;
    private final Optional<LiveBundle> database;
    private final Fetcher fetcher;

    Jobs(RepositoryScanner scanner, Optional<LiveBundle> database, Fetcher fetcher) {
        this.scanner = scanner;
        this.database = database;
        this.fetcher = fetcher;
    }

    JobResult run(Job job) {
        JobResult.Builder result = JobResult.newBuilder().setJob(job.getId());
        try {
            byte[] request = job.getRequest().toByteArray();
            Object answer = switch (job.getKind()) {
                case REPOSITORY -> repository(read(request, RepositoryScanRequest.class));
                case REGISTRY_LIST -> RegistryListing.list(read(request, RegistryListRequest.class));
                case FILES -> files(read(request, FilesScanRequest.class));
                default -> throw new BadRequest("this scanner runs no %s jobs".formatted(job.getKind()));
            };
            byte[] report = gzip(COMPACT.writeValueAsBytes(answer));
            if (report.length > MAX_REPORT) {
                return result.setError("the report is larger than the link carries (%d MiB packed)"
                        .formatted(report.length >> 20)).build();
            }
            return result.setReport(com.google.protobuf.ByteString.copyFrom(report)).build();
        } catch (BadRequest e) {
            return result.setError(e.getMessage()).setBadRequest(true).build();
        } catch (InvalidInputException e) {
            return result.setError(e.getMessage()).build();
        } catch (RuntimeException | IOException | OutOfMemoryError | StackOverflowError e) {
            LOG.log(System.Logger.Level.ERROR, "job " + job.getId() + " failed in this scanner", e);
            return result.setError("the scanner failed: " + e).setRetry(true).build();
        }
    }

    private RepositoryScanReport repository(RepositoryScanRequest request) {
        ScannedImage image = scanner.scan(request);
        return database.map(live -> live.read(bundle -> scanner.report(image, Optional.of(bundle))))
                .orElseGet(() -> scanner.report(image, Optional.empty()));
    }

    private FilesScanReport files(FilesScanRequest request) throws IOException {
        Path tar = fetcher.fetch(request.files());
        try {
            return database.map(live -> live.read(bundle -> scanner.scanFiles(tar, request.reference(),
                    Optional.of(bundle)))).orElseGet(() -> scanner.scanFiles(tar, request.reference(),
                    Optional.empty()));
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            T request = JSON.readValue(json, type);
            if (request == null) {
                throw new BadRequest("request: an object, not null");
            }
            return request;
        } catch (JacksonException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidInputException invalid) {
                    throw new BadRequest(invalid.getMessage());
                }
            }
            throw new BadRequest("request: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 8 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(json);
        }
        return out.toByteArray();
    }

    /** The request itself is wrong. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
