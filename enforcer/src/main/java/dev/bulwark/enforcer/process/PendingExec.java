package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.linux.FileId;
import dev.bulwark.enforcer.linux.Libc;
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
    private static final boolean ARM64 = System.getProperty("os.arch").equals("aarch64");
    private static final int EXECVE = ARM64 ? 221 : 59;
    private static final int EXECVEAT = ARM64 ? 281 : 322;

    private final Path dir;

    PendingExec(Path proc, int pid) {
        this.dir = proc.resolve(Integer.toString(pid));
    }

    /**
     * True when the file is the program {@code execve} was given, false when the kernel opens it as the
     * interpreter of that program (an ELF's dynamic loader, a script's {@code #!} line); empty when the kernel's
     * stack cannot be read.
     */
    Optional<Boolean> mainProgram() {
        try {
            String stack = Files.readString(dir.resolve("stack"), StandardCharsets.UTF_8);
            if (stack.contains("alloc_bprm")) {
                return Optional.of(true);
            }
            if (stack.contains("load_elf_binary") || stack.contains("load_script")
                    || stack.contains("load_misc_binary")) {
                return Optional.of(false);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The arguments of the {@code execve} or {@code execveat} under way; empty when they cannot be read. */
    Optional<List<String>> arguments() {
        try {
            String[] call = Files.readString(dir.resolve("syscall"), StandardCharsets.US_ASCII).strip().split(" ");
            int number = Integer.parseInt(call[0]);
            int argvAt = number == EXECVE ? 2 : number == EXECVEAT ? 3 : -1;
            if (argvAt < 0 || call.length <= argvAt) {
                return Optional.empty();
            }
            long argv = Long.parseUnsignedLong(call[argvAt].substring(2), 16);
            try (FileChannel memory = FileChannel.open(dir.resolve("mem"), StandardOpenOption.READ)) {
                List<String> arguments = new ArrayList<>();
                ByteBuffer pointer = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
                for (int i = 0; i < MAX_ARGUMENTS; i++) {
                    pointer.clear();
                    if (memory.read(pointer, argv + 8L * i) != 8) {
                        return Optional.empty();
                    }
                    long at = pointer.getLong(0);
                    if (at == 0) {
                        break;
                    }
                    arguments.add(string(memory, at));
                }
                return Optional.of(List.copyOf(arguments));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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
            return Optional.of(Libc.statx(dir.resolve("fd/0")));
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
            return Optional.of(Libc.statxInRoot(dir.resolve("root"), absolute));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
