package dev.bulwark.vulndb.bundle;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.json.Json;
import dev.bulwark.vulndb.advisory.Advisory;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An open database bundle, memory-mapped: opening reads the header and checks the signature and the index bounds;
 * a lookup is a binary search over the mapped index and the inflation of one block, cached. Thread-safe. Close it
 * to unmap the file.
 */
public final class Bundle implements AutoCloseable {

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ObjectMapper JSON = Json.compactSnakeCase();
    private static final TypeReference<List<PackageAdvisory>> PACKAGE_ADVISORIES = new TypeReference<>() {};
    private static final int MAX_HEADER = 1 << 20;
    private static final int MAX_BLOCK = 64 << 20;
    private static final int CACHE_LIMIT = 50_000;

    /** How to trust a bundle: by one of these keys, or not at all (the user said {@code --skip-db-verify}). */
    public sealed interface Trust {
        record Keys(List<PublicKey> keys) implements Trust {}

        record Unverified() implements Trust {}
    }

    private final Path file;
    private final Arena arena;
    private final MemorySegment map;
    private final BundleHeader header;
    private final boolean signed;
    private final long packageCount;
    private final long advisoryCount;
    private final long indexStart;
    private final long keyStart;
    private final long keyLength;
    private final long dataStart;
    private final ConcurrentHashMap<String, List<PackageAdvisory>> packageCache = new ConcurrentHashMap<>();

    private Bundle(Path file, Arena arena, MemorySegment map) throws InvalidBundleException {
        this.file = file;
        this.arena = arena;
        this.map = map;
        long size = map.byteSize();
        if (size < BundleFormat.BODY_OFFSET || !Arrays.equals(map.asSlice(0, 8).toArray(ValueLayout.JAVA_BYTE),
                BundleFormat.MAGIC)) {
            throw invalid("not a Bulwark vulnerability database");
        }
        int schema = map.get(INT, 8);
        if (schema != BundleFormat.SCHEMA) {
            throw invalid(schema > BundleFormat.SCHEMA
                    ? "schema %d is newer than this bulwark reads (%d); update bulwark".formatted(schema,
                            BundleFormat.SCHEMA)
                    : "schema %d is not supported".formatted(schema));
        }
        long bodyLength = map.get(LONG, BundleFormat.BODY_LENGTH_OFFSET);
        if (bodyLength != size - BundleFormat.BODY_OFFSET) {
            throw invalid("truncated or extended: the header says %d body bytes, the file has %d"
                    .formatted(bodyLength, size - BundleFormat.BODY_OFFSET));
        }
        signed = map.asSlice(BundleFormat.SIGNATURE_OFFSET, BundleFormat.SIGNATURE_LENGTH)
                .elements(ValueLayout.JAVA_BYTE).anyMatch(b -> b.get(ValueLayout.JAVA_BYTE, 0) != 0);
        long at = BundleFormat.BODY_OFFSET;
        int headerLength = map.get(INT, check(at, 4));
        if (headerLength < 0 || headerLength > MAX_HEADER) {
            throw invalid("header length %d is not plausible".formatted(headerLength));
        }
        try {
            header = JSON.readValue(bytes(check(at + 4, headerLength), headerLength), BundleHeader.class);
        } catch (IOException e) {
            throw invalid("header is not readable: " + e.getMessage());
        }
        at += 4 + headerLength;
        packageCount = Integer.toUnsignedLong(map.get(INT, check(at, 8)));
        advisoryCount = Integer.toUnsignedLong(map.get(INT, at + 4));
        indexStart = at + 8;
        long indexLength = (packageCount + advisoryCount) * BundleFormat.INDEX_ENTRY;
        keyLength = map.get(LONG, check(indexStart + indexLength, 8));
        keyStart = indexStart + indexLength + 8;
        check(keyStart, keyLength);
        dataStart = keyStart + keyLength;
        long dataLength = size - dataStart;
        for (long i = 0; i < packageCount + advisoryCount; i++) {
            long e = indexStart + i * BundleFormat.INDEX_ENTRY;
            long keyOffset = map.get(LONG, e);
            long blockOffset = map.get(LONG, e + 12);
            if (keyOffset < 0 || keyOffset + Integer.toUnsignedLong(map.get(INT, e + 8)) > keyLength
                    || blockOffset < 0 || blockOffset + Integer.toUnsignedLong(map.get(INT, e + 20)) > dataLength) {
                throw invalid("index entry %d points outside the file".formatted(i));
            }
        }
    }

    /**
     * Opens and checks a bundle.
     *
     * @throws InvalidBundleException if it is not a bundle, is damaged, of a newer schema, or fails {@code trust}
     */
    public static Bundle open(Path file, Trust trust) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Bundle bundle = new Bundle(file, arena, channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(),
                    arena));
            bundle.verify(trust);
            return bundle;
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private void verify(Trust trust) throws InvalidBundleException {
        if (trust instanceof Trust.Keys(List<PublicKey> keys)) {
            if (!signed) {
                throw invalid("is not signed (use --skip-db-verify to use it anyway)");
            }
            for (PublicKey key : keys) {
                if (signatureMatches(key)) {
                    return;
                }
            }
            throw invalid(keys.isEmpty() ? "no trusted public key to verify it with"
                    : "signature does not match any trusted key: the file was changed or signed by someone else");
        }
    }

    private boolean signatureMatches(PublicKey key) throws InvalidBundleException {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            long bodyLength = map.byteSize() - BundleFormat.BODY_OFFSET;
            s.update(BundleWriter.signedPrefix(bodyLength));
            s.update(map.asSlice(BundleFormat.BODY_OFFSET).asByteBuffer());
            return s.verify(map.asSlice(BundleFormat.SIGNATURE_OFFSET, BundleFormat.SIGNATURE_LENGTH)
                    .toArray(ValueLayout.JAVA_BYTE));
        } catch (GeneralSecurityException e) {
            throw invalid("cannot check the signature: " + e.getMessage());
        }
    }

    public BundleHeader header() {
        return header;
    }

    public boolean signed() {
        return signed;
    }

    public long sizeBytes() {
        return map.byteSize();
    }

    public Path file() {
        return file;
    }

    /** What advisories say of one package; empty when none names it. */
    public List<PackageAdvisory> forPackage(String namespace, String name) {
        String key = BundleFormat.packageKey(namespace, name);
        List<PackageAdvisory> cached = packageCache.get(key);
        if (cached != null) {
            return cached;
        }
        List<PackageAdvisory> found = find(0, packageCount, key).map(block -> {
            try {
                return List.copyOf(JSON.readValue(block, PACKAGE_ADVISORIES));
            } catch (IOException e) {
                throw new IllegalStateException("%s: block of %s is damaged: %s".formatted(file, key,
                        e.getMessage()), e);
            }
        }).orElse(List.of());
        if (packageCache.size() > CACHE_LIMIT) {
            packageCache.clear();
        }
        packageCache.put(key, found);
        return found;
    }

    /** An advisory's metadata (its affected entries are reached through {@link #forPackage}). */
    public Optional<Advisory> advisory(String id) {
        return find(packageCount, packageCount + advisoryCount, id).map(block -> {
            try {
                return JSON.readValue(block, Advisory.class);
            } catch (IOException e) {
                throw new IllegalStateException("%s: block of %s is damaged: %s".formatted(file, id,
                        e.getMessage()), e);
            }
        });
    }

    /** Binary search over index entries {@code [from, to)} for the key; its inflated block if found. */
    private Optional<byte[]> find(long from, long to, String key) {
        byte[] target = key.getBytes(StandardCharsets.UTF_8);
        long lo = from;
        long hi = to - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            long e = indexStart + mid * BundleFormat.INDEX_ENTRY;
            int c = compareKey(keyStart + map.get(LONG, e), map.get(INT, e + 8), target);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return Optional.of(inflate(dataStart + map.get(LONG, e + 12), map.get(INT, e + 20), key));
            }
        }
        return Optional.empty();
    }

    private int compareKey(long at, int length, byte[] target) {
        int n = Math.min(length, target.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(Byte.toUnsignedInt(map.get(ValueLayout.JAVA_BYTE, at + i)),
                    Byte.toUnsignedInt(target[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(length, target.length);
    }

    private byte[] inflate(long at, int length, String key) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(map.asSlice(at, length).asByteBuffer());
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(length * 4);
            byte[] buffer = new byte[16 << 10];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("%s: block of %s is truncated".formatted(file, key));
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_BLOCK) {
                    throw new IllegalStateException("%s: block of %s inflates beyond %d MiB".formatted(file, key,
                            MAX_BLOCK >> 20));
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("%s: block of %s is damaged: %s".formatted(file, key, e.getMessage()),
                    e);
        } finally {
            inflater.end();
        }
    }

    private byte[] bytes(long at, int length) {
        return map.asSlice(at, length).toArray(ValueLayout.JAVA_BYTE);
    }

    /** {@code at} if {@code [at, at + length)} lies inside the file. */
    private long check(long at, long length) throws InvalidBundleException {
        if (length < 0 || at < 0 || at + length > map.byteSize()) {
            throw invalid("truncated: a section runs past the end of the file");
        }
        return at;
    }

    private InvalidBundleException invalid(String reason) {
        return new InvalidBundleException(file + ": " + reason);
    }

    @Override
    public void close() {
        arena.close();
    }
}
