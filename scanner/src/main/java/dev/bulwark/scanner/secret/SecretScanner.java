package dev.bulwark.scanner.secret;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Finds secrets in text. Text is read in chunks of {@link #CHUNK} bytes, each searched together with the last
 * {@link #OVERLAP} bytes of the one before, so memory stays bounded on a 100 MB single-line file and a secret
 * that straddles a chunk border is still whole in one search. Bytes are read as ISO-8859-1, one char per byte:
 * every rule is ASCII. One pass finds the rules' keywords; a rule anchored at its keywords is then tried at each
 * keyword only, any other rule searched in windows from {@link #BEFORE} characters before its keywords to its reach
 * after, so text without keywords costs no regular expression at all. Thread-safe.
 */
public final class SecretScanner {

    static final int CHUNK = 1 << 20;
    static final int OVERLAP = 16 << 10;
    /** How far before its keyword a match may start: a scheme before {@code ://}, a token before its suffix. */
    static final int BEFORE = 128;
    /** How far back a key name may reach from an assignment's keyword. */
    static final int KEY_NAME_LEAD = 40;
    /** Shortest keyword of a token rule that a generic value starting with it is left to (3: the {@code eyJ} of a JWT). */
    private static final int PREFIX_MIN = 3;
    private static final int BINARY_SNIFF = 8 << 10;
    /** A user's rule may read each character of a chunk this many times, backtracking included. */
    private static final long STEPS_PER_CHAR = 1000;

    private final List<SecretRule> rules;
    private final List<AllowRule> allowed;
    private final KeywordIndex keywords;
    /** Keywords that token formats start with: a generic value that starts with one is that format's to judge. */
    private final Set<String> tokenPrefixes = new HashSet<>();
    private final int longestPrefix;
    /** Rules not built in: a user's regular expression runs on a step budget, since it may backtrack badly. */
    private final boolean[] budgeted;

    public SecretScanner(List<SecretRule> rules) {
        this(rules, List.of());
    }

    public SecretScanner(List<SecretRule> rules, List<AllowRule> allowed) {
        this.rules = List.copyOf(rules);
        this.allowed = List.copyOf(allowed);
        this.keywords = new KeywordIndex(this.rules);
        int longest = rules.stream().mapToInt(SecretRule::reach).max().orElse(0);
        if (longest + BEFORE > OVERLAP) {
            throw new IllegalArgumentException("a rule reaches %d characters, more than the %d-byte chunk overlap"
                    .formatted(longest, OVERLAP - BEFORE));
        }
        for (SecretRule rule : this.rules) {
            if (rule.kind() == SecretRule.Kind.TOKEN && rule.anchored()) {
                rule.keywords().stream().filter(k -> k.length() >= PREFIX_MIN).forEach(tokenPrefixes::add);
            }
        }
        longestPrefix = tokenPrefixes.stream().mapToInt(String::length).max().orElse(0);
        budgeted = new boolean[this.rules.size()];
        for (int r = 0; r < budgeted.length; r++) {
            budgeted[r] = !SecretRules.builtIn().contains(this.rules.get(r));
        }
    }

    /** One secret found: its rule, 1-based line, and the redacted match. */
    public record Match(SecretRule rule, int line, String redacted) {}

    /** Secrets in a string (an environment value, a history line), all rules applied. */
    public List<Match> scan(String text) {
        List<Match> out = new ArrayList<>();
        byte[] latin1 = new byte[text.length()]; // one byte per char, so that positions agree with the string's
        for (int i = 0; i < latin1.length; i++) {
            char c = text.charAt(i);
            latin1[i] = (byte) (c <= 0xff ? c : '?');
        }
        searchChunk(latin1, latin1.length, text, 0, 1, new HashSet<>(), true, out);
        return out;
    }

    /**
     * Secrets in a stream of text; empty for binary content (a NUL byte in its first 8 KiB).
     *
     * @param generic whether the rules that match by context (key names) apply, see {@link Allowlist#genericApplies}
     * @throws IOException when the stream cannot be read
     */
    public List<Match> scan(InputStream in, boolean generic) throws IOException {
        byte[] first = in.readNBytes(BINARY_SNIFF);
        if (first.length == 0 || isBinary(first, first.length)) {
            return List.of(); // a binary is not read past its first bytes
        }
        // Most files are small: they are searched from an array of their own size, not a chunk-sized one.
        byte[] head = first.length < BINARY_SNIFF ? first : concat(first, in.readNBytes(CHUNK - BINARY_SNIFF));
        byte[] buffer = head.length < CHUNK ? head : Arrays.copyOf(head, OVERLAP + CHUNK);
        int read = head.length;
        List<Match> out = new ArrayList<>();
        int carried = 0;
        long chunkStart = 0;
        int lineAtChunkStart = 1;
        Set<Long> seen = new HashSet<>();
        while (true) {
            int length = carried + read;
            searchChunk(buffer, length, null, chunkStart, lineAtChunkStart, seen, generic, out);
            if (read < CHUNK) {
                break;
            }
            int keep = Math.min(OVERLAP, length);
            int dropped = length - keep;
            lineAtChunkStart += newlines(buffer, 0, dropped);
            chunkStart += dropped;
            System.arraycopy(buffer, dropped, buffer, 0, keep);
            carried = keep;
            long limit = chunkStart * rules.size();
            seen.removeIf(key -> key < limit);
            read = in.readNBytes(buffer, carried, CHUNK);
            if (read == 0) {
                break;
            }
        }
        return out;
    }

    /** A match before overlaps are resolved: the secret's span in the chunk. */
    private record Hit(int rule, int start, int end, String redacted) {}

    /**
     * Searches one chunk, {@code bytes[0, length)}; {@code text} is the same as a string, or null to make it only when
     * a keyword asks for a pattern to run. Of matches that overlap, a generic one yields to any other (the
     * {@code token = "glrt-..."} of a GitLab token), and a shorter one to a longer one.
     */
    private void searchChunk(byte[] bytes, int length, String text, long chunkStart, int lineAtChunkStart,
            Set<Long> seen, boolean generic, List<Match> out) {
        List<List<Integer>> keywordHits = keywords.hits(bytes, length, rules.size());
        List<Hit> hits = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            SecretRule rule = rules.get(r);
            if (rule.generic() && !generic || keywordHits.get(r).isEmpty()) {
                continue;
            }
            if (text == null) {
                text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            CharSequence subject = budgeted[r] ? new BudgetedText(text, STEPS_PER_CHAR * (long) length) : text;
            Matcher m = rule.pattern().matcher(subject).useTransparentBounds(true).useAnchoringBounds(false);
            try {
                search(m, text, r, keywordHits.get(r), hits);
            } catch (BudgetedText.Exhausted | StackOverflowError e) {
                if (!budgeted[r]) {
                    throw e;
                }
                // a user's rule that backtracks or recurses without end is given up for this chunk, not the scan
            }
        }
        resolve(hits, bytes, chunkStart, lineAtChunkStart, seen, out);
    }

    /** Runs one rule at each of its keywords when anchored there, else in windows around them. */
    private void search(Matcher m, String text, int r, List<Integer> keywordsAt, List<Hit> hits) {
        SecretRule rule = rules.get(r);
        if (rule.anchored()) {
            int after = -1;
            for (int at : keywordsAt) {
                if (at >= after) {
                    m.region(at, Math.min(text.length(), at + rule.reach()));
                    if (m.lookingAt()) {
                        accept(m, text, r, hits);
                        after = Math.max(at + 1, m.end());
                    }
                }
            }
            return;
        }
        int windowStart = -1;
        int windowEnd = -1;
        for (int at : keywordsAt) {
            int from = Math.max(0, at - BEFORE);
            int to = Math.min(text.length(), at + rule.reach());
            if (from <= windowEnd) {
                windowEnd = to;
                continue;
            }
            if (windowEnd >= 0) {
                findIn(m, text, windowStart, windowEnd, r, hits);
            }
            windowStart = from;
            windowEnd = to;
        }
        findIn(m, text, windowStart, windowEnd, r, hits);
    }

    /** Keeps one of overlapping matches and reports each secret once. */
    private void resolve(List<Hit> hits, byte[] bytes, long chunkStart, int lineAtChunkStart, Set<Long> seen,
            List<Match> out) {
        hits.sort(Comparator.comparing((Hit h) -> rules.get(h.rule()).generic())
                .thenComparing(h -> h.start() - h.end()));
        // kept matches never overlap, so the one starting last before a hit's end is the only one it could touch
        TreeMap<Integer, Hit> kept = new TreeMap<>();
        for (Hit hit : hits) {
            Map.Entry<Integer, Hit> before = kept.lowerEntry(hit.end());
            if (before == null || before.getValue().end() <= hit.start()) {
                kept.putIfAbsent(hit.start(), hit);
            }
        }
        int line = lineAtChunkStart;
        int counted = 0;
        for (Hit hit : kept.values()) {
            line += newlines(bytes, counted, hit.start());
            counted = hit.start();
            if (seen.add((chunkStart + hit.start()) * rules.size() + hit.rule())) {
                out.add(new Match(rules.get(hit.rule()), line, hit.redacted()));
            }
        }
    }

    /** The matches of one rule in one window of the chunk. */
    private void findIn(Matcher m, String text, int from, int to, int rule, List<Hit> hits) {
        m.region(from, to);
        while (m.find()) {
            accept(m, text, rule, hits);
        }
    }

    /** Adds the matcher's match unless it is a placeholder, an example, allowed, or no secret for its key. */
    private void accept(Matcher m, String text, int r, List<Hit> hits) {
        SecretRule rule = rules.get(r);
        String secret = m.group(rule.secretGroup());
        if (secret == null || rule.minEntropy() > 0 && Entropy.bitsPerChar(secret) < rule.minEntropy()
                || Allowlist.isExampleOrPlaceholder(secret, prefixLength(secret, rule), rule)
                || rule.generic() && startsLikeAToken(secret)
                || allowed.stream().anyMatch(a -> a.allowsSecret(secret))) {
            return;
        }
        int shown = rule.valued() ? keyNameStart(text, m.start()) : m.start();
        if (rule.keyNamed()) {
            String key = text.substring(shown, keyNameEnd(text, m.start()));
            if (!Assignments.describesNoOtherThing(key)
                    || rule.kind() == SecretRule.Kind.ASSIGNMENT && !Assignments.namesSecret(key)) {
                return;
            }
        }
        int start = m.start(rule.secretGroup());
        hits.add(new Hit(r, start, m.end(rule.secretGroup()),
                Redaction.of(text.substring(shown, m.end()), start - shown, secret.length())));
    }

    /** How many leading characters of a token are its prefix (its longest keyword it starts with). */
    private static int prefixLength(String secret, SecretRule rule) {
        if (rule.kind() != SecretRule.Kind.TOKEN) {
            return 0;
        }
        int longest = 0;
        for (String k : rule.keywords()) {
            if (k.length() > longest && secret.regionMatches(true, 0, k, 0, k.length())) {
                longest = k.length();
            }
        }
        return longest;
    }

    private boolean startsLikeAToken(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (int n = PREFIX_MIN; n <= Math.min(longestPrefix, lower.length()); n++) {
            if (tokenPrefixes.contains(lower.substring(0, n))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the key name around an assignment's keyword begins ({@code db_} of {@code db_password}), at most
     * {@link #KEY_NAME_LEAD} characters back: shown with the match. The patterns start at the keyword itself, which
     * the regular expression engine finds fast; a pattern that starts with the name's characters is tried at every
     * position of the window.
     */
    private static int keyNameStart(CharSequence text, int keyword) {
        int start = keyword;
        while (start > 0 && keyword - start < KEY_NAME_LEAD && isKeyNameChar(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static int keyNameEnd(CharSequence text, int keyword) {
        int end = keyword;
        while (end < text.length() && end - keyword < 2 * KEY_NAME_LEAD && isKeyNameChar(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isKeyNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                || c == '-';
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static boolean isBinary(byte[] buffer, int length) {
        for (int i = 0; i < Math.min(length, BINARY_SNIFF); i++) {
            if (buffer[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static int newlines(byte[] buffer, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
