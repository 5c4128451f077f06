package dev.bulwark.scanner.secret;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds where the rules' keywords occur in a lower-cased text in one pass: keywords are bucketed by their first
 * two characters, so most positions cost one table lookup. Immutable and thread-safe.
 */
final class KeywordIndex {

    /** Shared by every rule without a hit: most texts hit no keyword of most rules. */
    private static final List<Integer> NONE = List.of();

    private final String[] keywords;
    /** For each keyword, the rules that list it. */
    private final int[][] rulesOf;
    /** Keyword ids by their first two characters ({@code c0 << 8 | c1}); null where none starts so. */
    private final int[][] byPrefix = new int[1 << 16][];

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
        keywords = all.toArray(String[]::new);
        rulesOf = owners.stream().map(o -> o.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        for (int id = 0; id < keywords.length; id++) {
            int prefix = keywords[id].charAt(0) << 8 | keywords[id].charAt(1);
            int[] bucket = byPrefix[prefix];
            int[] grown = bucket == null ? new int[1] : java.util.Arrays.copyOf(bucket, bucket.length + 1);
            grown[grown.length - 1] = id;
            byPrefix[prefix] = grown;
        }
    }

    /** For each rule, the positions where one of its keywords starts; empty lists for rules with none. */
    List<List<Integer>> hits(String lower, int ruleCount) {
        List<List<Integer>> hits = new ArrayList<>(Collections.nCopies(ruleCount, NONE));
        int end = lower.length() - 1;
        for (int i = 0; i < end; i++) {
            int[] bucket = byPrefix[(lower.charAt(i) & 0xff) << 8 | (lower.charAt(i + 1) & 0xff)];
            if (bucket == null) {
                continue;
            }
            for (int id : bucket) {
                if (lower.startsWith(keywords[id], i)) {
                    for (int rule : rulesOf[id]) {
                        if (hits.get(rule) == NONE) {
                            hits.set(rule, new ArrayList<>());
                        }
                        hits.get(rule).add(i);
                    }
                }
            }
        }
        return hits;
    }
}
