package dev.bulwark.link.model;

/**
 * Something a group in Discover learned on a node: a process rule ({@code kind} {@code process}: name, path, user)
 * or a program allowed to open a {@code block_access} file ({@code kind} {@code file}: filter, application).
 */
public record Learned(String kind, String group, String name, String path, String user, String filter,
        String application) {

    public static final String PROCESS = "process";
    public static final String FILE = "file";

    public static Learned process(String group, String name, String path, String user) {
        return new Learned(PROCESS, group, name, path, user == null ? "" : user, "", "");
    }

    public static Learned fileAccess(String group, String filter, String application) {
        return new Learned(FILE, group, "", "", "", filter, application);
    }
}
