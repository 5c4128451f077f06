package dev.bulwark.cli;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.vulndb.feed.FeedKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The feeds {@code bulwark db update --from-feeds FILE} builds a database from: one {@code KIND URL} per line
 * ({@code #} starts a comment), downloaded into a work directory. A zip (OSV publishes an ecosystem as
 * {@code all.zip}) is unpacked there, within bounds and never outside its own directory; any other file is kept
 * under the URL's file name, whose extension tells JSON from YAML.
 */
final class FeedList {

    /** What a feed became on disk. */
    record Fetched(FeedKind kind, URI url, Path path) {}

    static final int MAX_FEEDS = 64;
    static final int MAX_ZIP_ENTRIES = 2_000_000;
    static final long MAX_UNZIPPED = 16L << 30;

    private FeedList() {}

    /** The feeds of a list, checked; a bad line is a one-line error naming it. */
    static List<String[]> read(Path file) {
        List<String> lines;
        try {
            if (Files.size(file) > 1 << 20) {
                throw new InvalidInputException(file + ": a feed list is at most 1 MiB");
            }
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the feed list %s: %s".formatted(file, e.getMessage()), e);
        }
        List<String[]> feeds = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new InvalidInputException("%s:%d: a feed is KIND URL".formatted(file, i + 1));
            }
            try {
                FeedKind.parse(parts[0]);
                URI url = URI.create(parts[1]);
                if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("%s:%d: %s".formatted(file, i + 1, e.getMessage()), e);
            }
            feeds.add(parts);
        }
        if (feeds.isEmpty() || feeds.size() > MAX_FEEDS) {
            throw new InvalidInputException("%s: 1 to %d feeds".formatted(file, MAX_FEEDS));
        }
        return feeds;
    }

    /** Downloads each feed into {@code work}, unpacking zips. */
    static List<Fetched> fetch(List<String[]> feeds, Path work) throws IOException, InterruptedException {
        List<Fetched> fetched = new ArrayList<>();
        for (int i = 0; i < feeds.size(); i++) {
            URI url = URI.create(feeds.get(i)[1]);
            Path dir = Files.createDirectories(work.resolve("feed-" + i));
            String name = Path.of(url.getPath().isEmpty() ? "feed" : url.getPath()).getFileName() == null ? "feed"
                    : Path.of(url.getPath()).getFileName().toString();
            Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
            DbUpdateCommand.download(url, file);
            Path source = zip(file) ? unzip(file, Files.createDirectories(dir.resolve("unpacked")), url) : file;
            fetched.add(new Fetched(FeedKind.parse(feeds.get(i)[0]), url, source));
        }
        return fetched;
    }

    private static boolean zip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    private static Path unzip(Path zip, Path into, URI url) throws IOException {
        long total = 0;
        int entries = 0;
        Path root = into.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new InvalidInputException("%s: more than %d files in the zip".formatted(url,
                            MAX_ZIP_ENTRIES));
                }
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root) || e.getName().startsWith("/")) {
                    throw new InvalidInputException("%s: the zip names a file outside it (%s)".formatted(url,
                            e.getName().replaceAll("\\p{Cntrl}", "?")));
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > MAX_UNZIPPED) {
                            throw new InvalidInputException("%s: the zip unpacks to more than %d GiB".formatted(url,
                                    MAX_UNZIPPED >> 30));
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException("%s: not a readable zip: %s".formatted(url, e.getMessage()), e);
        }
        Files.delete(zip);
        return into;
    }
}
