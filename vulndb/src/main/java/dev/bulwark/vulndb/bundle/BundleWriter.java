package dev.bulwark.vulndb.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.io.AtomicFiles;
import dev.bulwark.core.json.Json;
import dev.bulwark.vulndb.advisory.Advisory;
import dev.bulwark.vulndb.feed.FeedKind;
import dev.bulwark.vulndb.feed.ImportStats;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;

/**
 * Builds a bundle from feed sources: imports each, merges the advisories, lays them out as {@link BundleFormat}
 * describes, signs the result when given a key, and moves it into place atomically, so that a failed build never
 * leaves a partial file where a good database was.
 */
public final class BundleWriter {

    /** One {@code --source KIND=PATH}. */
    public record Source(FeedKind kind, Path path) {}

    private static final ObjectMapper JSON = Json.compactSnakeCase();

    private final AdvisoryMerger merger = new AdvisoryMerger();
    private final Map<String, BundleHeader.SourceCounts> counts = new LinkedHashMap<>();

    /** Imports one source; its counts go into the header under {@code kind=path}. */
    public ImportStats add(Source source) throws IOException {
        ImportStats stats = new ImportStats();
        source.kind().importer().importFrom(source.path(), merger::add, stats);
        counts.put(source.kind().id() + "=" + source.path(), new BundleHeader.SourceCounts(source.kind().id(),
                source.path().toString(), stats.files(), stats.imported(), stats.skipped()));
        return stats;
    }

    /** Adds advisories that did not come from a feed file (tests, and tools that produce them directly). */
    public void add(String sourceName, Collection<Advisory> advisories) {
        advisories.forEach(merger::add);
        counts.put(sourceName, new BundleHeader.SourceCounts(sourceName, "", 0, advisories.size(), 0));
    }

    /** Writes the bundle to {@code out}, signed with {@code key} if present; returns its header. */
    public BundleHeader write(Path out, Optional<PrivateKey> key, Instant built) throws IOException {
        Collection<Advisory> advisories = merger.merged();
        Map<String, List<PackageAdvisory>> packages = AdvisoryMerger.byPackage(advisories);
        BundleHeader header = new BundleHeader(BundleFormat.SCHEMA, built.truncatedTo(ChronoUnit.SECONDS).toString(),
                counts, advisories.size(), packages.size());
        List<Block> packageBlocks = new ArrayList<>();
        for (var e : packages.entrySet()) {
            packageBlocks.add(new Block(e.getKey(), JSON.writeValueAsBytes(e.getValue())));
        }
        List<Block> advisoryBlocks = new ArrayList<>();
        for (Advisory a : advisories) {
            Advisory metadata = new Advisory(a.id(), a.source(), a.aliases(), a.summary(), a.details(),
                    a.references(), a.published(), a.modified(), a.severities(), List.of());
            advisoryBlocks.add(new Block(a.id(), JSON.writeValueAsBytes(metadata)));
        }
        byte[] body = body(JSON.writeValueAsBytes(header), sorted(packageBlocks), sorted(advisoryBlocks));
        byte[] signature = key.isPresent() ? sign(key.get(), body) : new byte[BundleFormat.SIGNATURE_LENGTH];
        writeAtomically(out, signature, body);
        return header;
    }

    private record Block(String key, byte[] json) {
        byte[] keyBytes() {
            return key.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static List<Block> sorted(List<Block> blocks) {
        List<Block> copy = new ArrayList<>(blocks);
        copy.sort((a, b) -> Arrays.compareUnsigned(a.keyBytes(), b.keyBytes()));
        return copy;
    }

    private static byte[] body(byte[] header, List<Block> packages, List<Block> advisories) throws IOException {
        ByteArrayOutputStream keys = new ByteArrayOutputStream();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteArrayOutputStream index = new ByteArrayOutputStream();
        DataOutputStream indexOut = new DataOutputStream(index);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            for (List<Block> part : List.of(packages, advisories)) {
                for (Block b : part) {
                    byte[] key = b.keyBytes();
                    byte[] compressed = deflate(deflater, b.json());
                    indexOut.writeLong(keys.size());
                    indexOut.writeInt(key.length);
                    indexOut.writeLong(data.size());
                    indexOut.writeInt(compressed.length);
                    keys.write(key);
                    data.write(compressed);
                }
            }
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeInt(header.length);
        out.write(header);
        out.writeInt(packages.size());
        out.writeInt(advisories.size());
        index.writeTo(out);
        out.writeLong(keys.size());
        keys.writeTo(out);
        data.writeTo(out);
        out.flush();
        return body.toByteArray();
    }

    private static byte[] deflate(Deflater deflater, byte[] input) {
        deflater.reset();
        deflater.setInput(input);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 4 + 64);
        byte[] buffer = new byte[16 << 10];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        return out.toByteArray();
    }

    static byte[] sign(PrivateKey key, byte[] body) throws IOException {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(signedPrefix(body.length));
            s.update(body);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign the bundle: " + e.getMessage(), e);
        }
    }

    /** What precedes the body in the signed message: magic, schema and body length. */
    static byte[] signedPrefix(long bodyLength) {
        return ByteBuffer.allocate(BundleFormat.MAGIC.length + 12).put(BundleFormat.MAGIC)
                .putInt(BundleFormat.SCHEMA).putLong(bodyLength).array();
    }

    private static void writeAtomically(Path out, byte[] signature, byte[] body) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".bulwark-db-", ".tmp");
        try {
            ByteBuffer head = ByteBuffer.allocate(BundleFormat.BODY_OFFSET).put(BundleFormat.MAGIC)
                    .putInt(BundleFormat.SCHEMA).put(signature).putLong(body.length);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(head.flip());
                channel.write(ByteBuffer.wrap(body));
                channel.force(true);
            }
            AtomicFiles.replace(tmp, out);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
