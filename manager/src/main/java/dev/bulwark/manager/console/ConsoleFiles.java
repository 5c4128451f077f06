package dev.bulwark.manager.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The console's files (index.html and the hashed bundle under {@code assets/}), read once from the class path
 * into memory, with their gzip form. A request is answered from this map only, so no path can reach any other file.
 */
public final class ConsoleFiles {

    /** Where the build puts the console on the class path. */
    public static final String ROOT = "dev/bulwark/manager/console";
    public static final String INDEX = "index.html";

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon", "woff2", "font/woff2", "json", "application/json",
            "txt", "text/plain; charset=utf-8");

    private final Map<String, Asset> files;

    private ConsoleFiles(Map<String, Asset> files) {
        this.files = Map.copyOf(files);
    }

    /** The console as built into the class path of {@code loader}; it must hold an index.html. */
    public static ConsoleFiles load(ClassLoader loader) {
        URL index = loader.getResource(ROOT + "/" + INDEX);
        if (index == null) {
            throw new IllegalStateException("the console is not on the class path (" + ROOT + "/" + INDEX
                    + "); build the manager module with Maven");
        }
        try {
            URI uri = index.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return new ConsoleFiles(read(jar.provider().getPath(uri).getParent()));
                }
            }
            return new ConsoleFiles(read(Path.of(uri).getParent()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Asset> read(Path root) throws IOException {
        Map<String, Asset> out = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(p).toString().replace('\\', '/');
                out.put(name, asset(name, Files.readAllBytes(p)));
            }
        }
        return out;
    }

    public static Asset asset(String name, byte[] body) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        byte[] gzipped = gzip(body);
        return new Asset(TYPES.getOrDefault(extension, "application/octet-stream"), body,
                gzipped.length < body.length ? gzipped : null);
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The file at {@code name} relative to the console's root ({@code index.html}, {@code assets/x.js}). */
    public Optional<Asset> find(String name) {
        return Optional.ofNullable(files.get(name));
    }

    public Asset index() {
        return files.get(INDEX);
    }
}
