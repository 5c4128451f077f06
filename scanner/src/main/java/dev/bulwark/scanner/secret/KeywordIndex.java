package dev.bulwark.scanner.secret;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Finds where the rules' keywords occur in Latin-1 text in one pass, ignoring case, without a lower-cased copy of
 * the text. Each position costs a look-up of its three case-folded bytes in a 64 Kbit filter (8 KiB, so it stays
 * in the first-level cache); only the rare positions that pass are compared with the keywords that start with
 * their first two bytes. Immutable and thread-safe.
 */
final class KeywordIndex {

    /** Shared by every rule without a hit: most texts hit no keyword of most rules. */
    private static final List<Integer> NONE = List.of();
    /** Each Latin-1 byte lower-cased, as {@link String#toLowerCase} with the root locale does. */
    private static final byte[] FOLD = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            int lower = Character.toLowerCase(c);
            FOLD[c] = (byte) (lower < 256 ? lower : c);
        }
    }

    private final byte[][] keywords;
    /** For each keyword, the rules that list it. */
    private final int[][] rulesOf;
    /** Keyword ids by their first two bytes ({@code b0 << 8 | b1}); null where none starts so. */
    private final int[][] byPrefix = new int[1 << 16][];
    /** A bit per hash of three folded bytes that a keyword starts with; a two-byte keyword sets every third. */
    private final long[] filter = new long[(1 << 16) / 64];

    KeywordIndex(List<SecretRule> rules) {
        List<String> all = new ArrayList<>();
        List<List<Integer>> owners = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String k : rules.get(r).keywords()) {
                if (k.length() < 2 || k.chars().anyMatch(c -> c > 0xff)) {
                    throw new IllegalArgumentException(rules.get(r).id() + ": keyword '" + k
                            + "' must be two or more Latin-1 characters");
                }
                int id = all.indexOf(k);
                if (id < 0) {
                    all.add(k);
                    owners.add(new ArrayList<>());
                    id = all.size() - 1;
                }
                owners.get(id).add(r);
            }
        }
        keywords = new byte[all.size()][];
        for (int id = 0; id < keywords.length; id++) {
            byte[] k = new byte[all.get(id).length()];
            for (int i = 0; i < k.length; i++) {
                k[i] = FOLD[all.get(id).charAt(i)];
            }
            keywords[id] = k;
            int prefix = (k[0] & 0xff) << 8 | k[1] & 0xff;
            byPrefix[prefix] = byPrefix[prefix] == null ? new int[] {id} : append(byPrefix[prefix], id);
            if (k.length > 2) {
                set(hash(k[0], k[1], k[2]));
            } else {
                for (int third = 0; third < 256; third++) {
                    set(hash(k[0], k[1], FOLD[third]));
                }
            }
        }
        rulesOf = owners.stream().map(o -> o.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** For each rule, the positions in {@code text[0, length)} where one of its keywords starts. */
    List<List<Integer>> hits(byte[] text, int length, int ruleCount) {
        List<List<Integer>> hits = new ArrayList<>(Collections.nCopies(ruleCount, NONE));
        if (length < 2) {
            return hits;
        }
        byte b0 = FOLD[text[0] & 0xff];
        byte b1 = FOLD[text[1] & 0xff];
        for (int i = 0; i + 1 < length; i++) {
            byte b2 = i + 2 < length ? FOLD[text[i + 2] & 0xff] : 0;
            int h = hash(b0, b1, b2);
            if ((filter[h >>> 6] & 1L << h) != 0) {
                int[] bucket = byPrefix[(b0 & 0xff) << 8 | b1 & 0xff];
                if (bucket != null) {
                    for (int id : bucket) {
                        if (startsAt(text, length, i, keywords[id])) {
                            for (int rule : rulesOf[id]) {
                                if (hits.get(rule) == NONE) {
                                    hits.set(rule, new ArrayList<>());
                                }
                                hits.get(rule).add(i);
                            }
                        }
                    }
                }
            }
            b0 = b1;
            b1 = b2;
        }
        return hits;
    }

    private static boolean startsAt(byte[] text, int length, int at, byte[] keyword) {
        if (at + keyword.length > length) {
            return false;
        }
        for (int j = 2; j < keyword.length; j++) { // the first two matched through the bucket
            if (FOLD[text[at + j] & 0xff] != keyword[j]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(byte b0, byte b1, byte b2) {
        return ((b0 & 0xff) << 16 | (b1 & 0xff) << 8 | b2 & 0xff) * 0x9E3779B1 >>> 16;
    }

    private void set(int bit) {
        filter[bit >>> 6] |= 1L << bit;
    }

    private static int[] append(int[] ids, int id) {
        int[] grown = Arrays.copyOf(ids, ids.length + 1);
        grown[ids.length] = id;
        return grown;
    }
}
