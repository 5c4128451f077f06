package dev.bulwark.vulndb.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates version strings that stress a comparator: short alphabets so that pairs often share prefixes, leading
 * zeros and long digit runs, separators next to each other, and a second version usually derived from the first
 * by one small edit, so that the interesting near-equal cases are common.
 */
final class RandomVersions {

    private final Random random;
    private final String[] pieces;
    private final String revisionSeparator;
    private final boolean epochs;

    /**
     * @param pieces the fragments a version part is built of
     * @param revisionSeparator placed between version and revision ({@code -}), or empty for none
     */
    RandomVersions(long seed, String[] pieces, String revisionSeparator) {
        this(seed, pieces, revisionSeparator, true);
    }

    /** Versions of a leading number and up to six pieces, with no epoch and no revision. */
    static RandomVersions plain(long seed, String... pieces) {
        return new RandomVersions(seed, pieces, "", false);
    }

    private RandomVersions(long seed, String[] pieces, String revisionSeparator, boolean epochs) {
        this.random = new Random(seed);
        this.pieces = pieces.clone();
        this.revisionSeparator = revisionSeparator;
        this.epochs = epochs;
    }

    String version() {
        StringBuilder v = new StringBuilder();
        if (epochs && random.nextInt(6) == 0) {
            v.append(random.nextInt(3)).append(':');
        }
        v.append(random.nextInt(12));
        v.append(part(epochs ? 4 : 6));
        if (!revisionSeparator.isEmpty() && random.nextInt(3) > 0) {
            v.append(revisionSeparator).append(random.nextInt(4)).append(part(2));
        }
        return v.toString();
    }

    /** A version, and either an unrelated one or one edit away from it. */
    String[] pair() {
        String a = version();
        if (random.nextInt(3) == 0) {
            return new String[] {a, version()};
        }
        return new String[] {a, edit(a)};
    }

    List<String[]> pairs(int count) {
        List<String[]> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pairs.add(pair());
        }
        return pairs;
    }

    private String part(int maxPieces) {
        StringBuilder p = new StringBuilder();
        int n = random.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            p.append(pieces[random.nextInt(pieces.length)]);
        }
        return p.toString();
    }

    private String edit(String a) {
        int at = 1 + random.nextInt(a.length());
        String piece = pieces[random.nextInt(pieces.length)];
        return switch (random.nextInt(3)) {
            case 0 -> a.substring(0, at) + piece + a.substring(at);
            case 1 -> a + piece;
            default -> a.substring(0, at) + piece;
        };
    }
}
