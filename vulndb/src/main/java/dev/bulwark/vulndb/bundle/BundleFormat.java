package dev.bulwark.vulndb.bundle;

import dev.bulwark.vulndb.ecosystem.LanguageEcosystem;
import java.nio.charset.StandardCharsets;

/**
 * The bundle's layout, all integers big-endian:
 *
 * <pre>
 * 0   8  magic "BWVULNDB"
 * 8   4  schema version
 * 12  64 Ed25519 signature of (magic, schema, body length, body); zeros when unsigned
 * 76  8  body length
 * 84     body:
 *        4 header length, header JSON ({@link BundleHeader})
 *        4 package key count P, 4 advisory key count A
 *        (P + A) index entries of 24 bytes: 8 key offset, 4 key length, 8 block offset, 4 block length;
 *            package keys ("namespace NUL normalised name") first, then advisory ids, each part sorted by
 *            the unsigned bytes of its keys, so that a lookup is a binary search over the mapped file
 *        8 key area length, key area (UTF-8)
 *        data area: one deflate-compressed JSON block per key (a package's list of
 *            {@link PackageAdvisory}, or one {@link dev.bulwark.vulndb.advisory.Advisory} without its
 *            affected entries)
 * </pre>
 *
 * Offsets in the index are relative to the start of the key area and of the data area.
 */
final class BundleFormat {

    static final byte[] MAGIC = "BWVULNDB".getBytes(StandardCharsets.US_ASCII);
    static final int SCHEMA = 1;
    static final int SIGNATURE_OFFSET = 12;
    static final int SIGNATURE_LENGTH = 64;
    static final int BODY_LENGTH_OFFSET = SIGNATURE_OFFSET + SIGNATURE_LENGTH;
    static final int BODY_OFFSET = BODY_LENGTH_OFFSET + 8;
    static final int INDEX_ENTRY = 24;

    private BundleFormat() {}

    static String packageKey(String namespace, String name) {
        String folded = LanguageEcosystem.byNamespace(namespace).map(e -> e.foldName(name)).orElse(name);
        return namespace + "\u0000" + folded;
    }
}
