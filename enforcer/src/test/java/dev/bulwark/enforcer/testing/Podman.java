package dev.bulwark.enforcer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * podman as it works here (runc, cgroupfs, file events; ARCHITECTURE.md), and the image the tests run: the static
 * busybox with the applets asked for, imported from a directory. Calls are bounded and their output read from
 * files, as {@link RuncContainer#run} does.
 */
public final class Podman {

    public static final Path PODMAN = Path.of("/usr/bin/podman");
    private static final List<String> GLOBAL = List.of(PODMAN.toString(), "--runtime", "runc", "--cgroup-manager",
            "cgroupfs", "--events-backend", "file");

    private Podman() {}

    public static RuncContainer.Result run(Path dir, String... args) throws IOException {
        List<String> argv = new ArrayList<>(GLOBAL);
        argv.addAll(List.of(args));
        return RuncContainer.run(argv, dir);
    }

    /**
     * Imports {@code image}: a root of {@code /bin/busybox} with links for {@code applets} and an empty {@code /tmp},
     * built in {@code dir}, with podman's {@code --change} instructions (such as {@code CMD=[...]}).
     *
     * @return the import's result, for the caller to require or to skip on
     */
    public static RuncContainer.Result importBusybox(Path dir, String image, List<String> applets,
            String... changes) throws IOException {
        Path rootfs = dir.resolve("image-rootfs");
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.copy(RuncContainer.BUSYBOX, bin.resolve("busybox"));
        for (String applet : applets) {
            Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Path tar = dir.resolve("image-rootfs.tar");
        RuncContainer.run(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."), dir)
                .requireSuccess();
        List<String> args = new ArrayList<>(List.of("import"));
        for (String change : changes) {
            args.addAll(List.of("--change", change));
        }
        args.addAll(List.of(tar.toString(), image));
        return run(dir, args.toArray(String[]::new));
    }
}
