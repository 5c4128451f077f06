package dev.bulwark.controller.scan;

/** The scanning service's state, as the REST handlers and the link share it. */
public record Scanning(ScanJobs jobs, Databases databases) implements AutoCloseable {

    @Override
    public void close() {
        jobs.close();
    }
}
