package dev.bulwark.scanner.index.lang.golang;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.index.FileAnalyzer;
import dev.bulwark.scanner.index.FileStream;
import dev.bulwark.scanner.index.Inventory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Executable ELF files built by Go 1.18 or later. The build information blob starts at a 16-byte aligned offset
 * with a fixed magic; the file is streamed block by block until it is found, so a binary is never held in
 * memory. The blob gives the Go toolchain version (reported as the module {@code stdlib}), the main module and
 * every dependency module with replacements applied; a module replaced by a local directory keeps its path and
 * loses its version, since its code is no released version. Older binaries keep the blob behind pointers and are
 * only warned about.
 */
public final class GoBinaryAnalyzer implements FileAnalyzer {

    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int ALIGN = 16;
    private static final int HEADER = 32;
    private static final int BUFFER = 1 << 16;
    /** The strings after the header: version and module list; real ones are a few kilobytes. */
    static final int MAX_BLOB = 4 << 20;
    private static final int FLAG_INLINE_STRINGS = 2;

    @Override
    public String name() {
        return "go-binary";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean wants(String path, int mode, long size) {
        return (mode & 0111) != 0 && size > 1024;
    }

    @Override
    public long maxFileSize() {
        return 1L << 31;
    }

    @Override
    public Inventory analyze(FileStream file) throws IOException {
        InputStream in = file.body();
        byte[] head = in.readNBytes(ALIGN);
        if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return Inventory.empty();
        }
        Optional<byte[]> blob = findBlob(in);
        if (blob.isEmpty()) {
            return Inventory.empty();
        }
        try {
            return Inventory.of(packages(BuildInfo.parse(blob.get()), file.path()), List.of());
        } catch (IllegalArgumentException e) {
            return Inventory.warning(file.path(), file.layer(), "Go build information is corrupt: " + e.getMessage());
        } catch (UnsupportedOperationException e) {
            return Inventory.warning(file.path(), file.layer(), e.getMessage());
        }
    }

    /** The bytes from the magic on, at most {@link #MAX_BLOB}; the stream is past the ELF header block. */
    private static Optional<byte[]> findBlob(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.readNBytes(buffer, 0, BUFFER)) > 0) {
            for (int at = 0; at + MAGIC.length <= n; at += ALIGN) {
                if (buffer[at] == MAGIC[0] && Arrays.equals(buffer, at, at + MAGIC.length, MAGIC, 0, MAGIC.length)) {
                    byte[] rest = in.readNBytes(MAX_BLOB);
                    byte[] blob = Arrays.copyOf(Arrays.copyOfRange(buffer, at, n), n - at + rest.length);
                    System.arraycopy(rest, 0, blob, n - at, rest.length);
                    return Optional.of(blob);
                }
            }
        }
        return Optional.empty();
    }

    private static List<InstalledPackage> packages(BuildInfo info, String path) {
        List<InstalledPackage> out = new ArrayList<>();
        List<String> depPurls = new ArrayList<>();
        for (BuildInfo.Module m : info.dependencies()) {
            InstalledPackage p = InstalledPackage.language(PackageType.GOLANG, m.path(), m.version(), path);
            out.add(p);
            depPurls.add(p.purl());
        }
        InstalledPackage stdlib = InstalledPackage.language(PackageType.GOLANG, "stdlib", info.stdlibVersion(), path);
        out.add(stdlib);
        depPurls.add(stdlib.purl());
        info.main().filter(m -> !m.version().isEmpty() && !m.version().equals("(devel)")).ifPresent(m ->
                out.addFirst(InstalledPackage.language(PackageType.GOLANG, m.path(), m.version(), path)
                        .withDependsOn(depPurls)));
        return out;
    }

    /** What the blob says. */
    record BuildInfo(String goVersion, Optional<Module> main, List<Module> dependencies) {

        record Module(String path, String version) {}

        static BuildInfo parse(byte[] blob) {
            if (blob.length < HEADER) {
                throw new IllegalArgumentException("header cut short");
            }
            if ((blob[MAGIC.length + 1] & FLAG_INLINE_STRINGS) == 0) {
                throw new UnsupportedOperationException(
                        "built by Go older than 1.18; its build information is not read");
            }
            int[] at = {HEADER};
            String version = new String(bytes(blob, at), StandardCharsets.UTF_8);
            String modules = new String(withoutSentinels(bytes(blob, at)), StandardCharsets.UTF_8);
            if (!version.startsWith("go")) {
                throw new IllegalArgumentException("toolchain version '" + printable(version) + "'");
            }
            return new BuildInfo(version, main(modules), dependencies(modules));
        }

        /** {@code go1.19.8} as a module version: {@code v1.19.8}; {@code go1.21rc2} as {@code v1.21.0-rc.2}. */
        String stdlibVersion() {
            String v = goVersion.substring(2);
            int space = v.indexOf(' ');
            v = space < 0 ? v : v.substring(0, space);
            var m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:(rc|beta)(\\d+))?(.*)").matcher(v);
            if (!m.matches()) {
                return "v" + v;
            }
            String core = m.group(1) + "." + m.group(2) + "." + (m.group(3) == null ? "0" : m.group(3));
            return "v" + core + (m.group(4) == null ? "" : "-" + m.group(4) + "." + m.group(5));
        }

        private static Optional<Module> main(String modules) {
            for (String line : modules.split("\n")) {
                String[] f = line.split("\t");
                if (f.length >= 3 && f[0].equals("mod")) {
                    return Optional.of(new Module(f[1], f[2]));
                }
            }
            return Optional.empty();
        }

        private static List<Module> dependencies(String modules) {
            List<Module> deps = new ArrayList<>();
            for (String line : modules.split("\n")) {
                String[] f = line.split("\t");
                if (f.length >= 3 && f[0].equals("dep")) {
                    deps.add(new Module(f[1], f[2]));
                } else if (f.length >= 2 && f[0].equals("=>") && !deps.isEmpty()) {
                    boolean local = f[1].startsWith(".") || f[1].startsWith("/");
                    deps.set(deps.size() - 1, local ? new Module(deps.getLast().path(), "")
                            : new Module(f[1], f.length >= 3 ? f[2] : ""));
                }
            }
            return deps;
        }

        private static byte[] bytes(byte[] blob, int[] at) {
            long length = 0;
            for (int shift = 0;; shift += 7) {
                if (at[0] >= blob.length || shift > 28) {
                    throw new IllegalArgumentException("string length cut short or too long");
                }
                int b = blob[at[0]++] & 0xff;
                length |= (long) (b & 0x7f) << shift;
                if (b < 0x80) {
                    break;
                }
            }
            if (length > blob.length - at[0]) {
                throw new IllegalArgumentException("string of %d bytes runs past the blob".formatted(length));
            }
            byte[] s = Arrays.copyOfRange(blob, at[0], at[0] + (int) length);
            at[0] += (int) length;
            return s;
        }

        /** The module list is framed by 16 bytes of sentinel on each side. */
        private static byte[] withoutSentinels(byte[] s) {
            return s.length >= 33 && s[s.length - 17] == '\n' ? Arrays.copyOfRange(s, 16, s.length - 16) : s;
        }

        private static String printable(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "..." : s;
        }
    }
}
