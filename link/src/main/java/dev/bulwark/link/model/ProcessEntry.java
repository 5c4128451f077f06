package dev.bulwark.link.model;

/**
 * A process of a workload ({@code RESTProcessInfo}): running, or in the history once it exited. Times are epoch
 * seconds; {@code exitedTimestamp} is 0 while it runs.
 */
public record ProcessEntry(String name, int pid, int parent, String user, int uid, String cmdline, String path,
        long startTimestamp, long exitedTimestamp, String action) {

    /** Text an enforcer left out is empty. */
    public ProcessEntry {
        name = Host.text(name);
        user = Host.text(user);
        cmdline = Host.text(cmdline);
        path = Host.text(path);
        action = Host.text(action);
    }
}
