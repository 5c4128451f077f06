package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.linux.FileId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a process held in {@code execve} by an exec permission event is asking for, read from {@code /proc/PID}
 * while the kernel holds it: whether the file is the program itself or an interpreter the kernel loads for it (the
 * kernel's own call stack tells, which the process cannot forge), the arguments it passed, its standard input and
 * its working directory. The arguments are read from the process's memory before the kernel copies them; they
 * serve to judge what a loader or an interpreter is told to run, and the program named is judged by the file it
 * names now.
 */
final class PendingExec {

    /** At most this many arguments, of at most this many bytes each, are read. */
    private static final int MAX_ARGUMENTS = 64;
    private static final int MAX_ARGUMENT = 4096;
    private static final int MAX_VARIABLES = 16_384;
    private static final boolean ARM64 = System.getProperty("os.arch").equals("aarch64");
    private static final int EXECVE = ARM64 ? 221 : 59;
    private static final int EXECVEAT = ARM64 ? 281 : 322;

    private final Path dir;

    PendingExec(Path proc, int pid) {
        this.dir = proc.resolve(Integer.toString(pid));
    }

    /** Why the kernel opens the file for exec. */
    enum Role {
        /** The program {@code execve} was given. */
        PROGRAM,
        /** The dynamic loader an ELF program names. */
        ELF_INTERPRETER,
        /** The interpreter of a script's {@code #!} line (or of a registered binary format). */
        SCRIPT_INTERPRETER
    }

    /** Why the kernel opens the file, from its own call stack; empty when that cannot be read. */
    Optional<Role> role() {
        try {
            String stack = Files.readString(dir.resolve("stack"), StandardCharsets.UTF_8);
            if (stack.contains("alloc_bprm")) {
                return Optional.of(Role.PROGRAM);
            }
            if (stack.contains("load_elf_binary")) {
                return Optional.of(Role.ELF_INTERPRETER);
            }
            if (stack.contains("load_script") || stack.contains("load_misc_binary")) {
                return Optional.of(Role.SCRIPT_INTERPRETER);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The arguments of the {@code execve} or {@code execveat} under way; empty when they cannot be read. */
    Optional<List<String>> arguments() {
        return strings(0, MAX_ARGUMENTS, "");
    }

    /**
     * The variables of the environment the {@code execve} under way passes whose names start with {@code prefix};
     * empty when the environment cannot be read whole (more than {@value #MAX_VARIABLES} variables included).
     */
    Optional<List<String>> environment(String prefix) {
        return strings(1, MAX_VARIABLES, prefix);
    }

    /**
     * Reads one of the string arrays of the system call (0: argv, 1: envp), keeping the strings that start with
     * {@code prefix}: the first {@code max} arguments, or the whole environment (empty past {@code max}).
     */
    private Optional<List<String>> strings(int which, int max, String prefix) {
        try {
            OptionalLong arrayAt = argument(1 + which);
            if (arrayAt.isEmpty()) {
                return Optional.empty();
            }
            long array = arrayAt.getAsLong();
            try (FileChannel memory = FileChannel.open(dir.resolve("mem"), StandardOpenOption.READ)) {
                List<String> found = new ArrayList<>();
                ByteBuffer pointer = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
                ByteBuffer start = ByteBuffer.allocate(prefix.length());
                for (int i = 0; i < max; i++) {
                    pointer.clear();
                    if (memory.read(pointer, array + 8L * i) != 8) {
                        return Optional.empty();
                    }
                    long string = pointer.getLong(0);
                    if (string == 0) {
                        return Optional.of(List.copyOf(found));
                    }
                    start.clear();
                    if (prefix.isEmpty() || memory.read(start, string) == prefix.length()
                            && new String(start.array(), StandardCharsets.UTF_8).equals(prefix)) {
                        found.add(string(memory, string));
                    }
                }
                return prefix.isEmpty() ? Optional.of(List.copyOf(found)) : Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The file name the {@code execve} under way was given, as the process wrote it: for reports on the program
     * whose interpreter the kernel is loading.
     */
    Optional<String> fileName() {
        try (FileChannel memory = FileChannel.open(dir.resolve("mem"), StandardOpenOption.READ)) {
            OptionalLong at = argument(0);
            return at.isEmpty() ? Optional.empty() : Optional.of(string(memory, at.getAsLong()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Argument {@code n} of the {@code execve} under way, counted as {@code execve} counts them (0: file name,
     * 1: argv, 2: envp), from {@code /proc/PID/syscall}; {@code execveat}'s directory argument is skipped.
     */
    private OptionalLong argument(int n) throws IOException {
        String[] call = Files.readString(dir.resolve("syscall"), StandardCharsets.US_ASCII).strip().split(" ");
        int number = Integer.parseInt(call[0]);
        int at = (number == EXECVE ? 1 : number == EXECVEAT ? 2 : -100) + n;
        if (at < 0 || call.length <= at) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseUnsignedLong(call[at].substring(2), 16));
    }

    private static String string(FileChannel memory, long at) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(MAX_ARGUMENT);
        memory.read(bytes, at);
        int end = 0;
        while (end < bytes.position() && bytes.get(end) != 0) {
            end++;
        }
        return new String(bytes.array(), 0, end, StandardCharsets.UTF_8);
    }

    /** The file its standard input is, when it can be examined. */
    Optional<FileId> standardInput() {
        try {
            return Optional.of(FileId.of(dir.resolve("fd/0")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The file a program argument names in the container, resolved inside its root as the container would, from
     * the process's working directory when relative; empty when there is none.
     */
    Optional<FileId> fileNamed(String path) {
        try {
            String absolute = path.startsWith("/") ? path : Files.readSymbolicLink(dir.resolve("cwd")) + "/" + path;
            return Optional.of(FileId.inRoot(dir.resolve("root"), absolute));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
