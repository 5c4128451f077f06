package dev.bulwark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The machine's load average (1, 5 and 15 minutes), printed beside figures that a busy machine changes. */
final class LoadAverage {

    private LoadAverage() {}

    static String now() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
