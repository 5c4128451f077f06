package dev.bulwark.scanner.secret;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Finds secrets in text. Text is read in chunks of {@link #CHUNK} bytes, each searched together with the last
 * {@link #OVERLAP} bytes of the one before, so memory stays bounded on a 100 MB single-line file and a secret
 * that straddles a chunk border is still whole in one search. Bytes are read as ISO-8859-1, one char per byte:
 * every rule is ASCII. One pass finds the rules' keywords; a rule's pattern then runs only in windows around its
 * keywords, from {@link #BEFORE} characters before to its reach after, so text without keywords costs no regular
 * expression at all. Thread-safe.
 */
public final class SecretScanner {

    static final int CHUNK = 1 << 20;
    static final int OVERLAP = 16 << 10;
    /** How far before its keyword a match may start: a key name before {@code password}, a scheme before {@code ://}. */
    static final int BEFORE = 128;
    /** How far back a key name may reach from an assignment's keyword. */
    static final int KEY_NAME_LEAD = 30;
    private static final int BINARY_SNIFF = 8 << 10;

    private final List<SecretRule> rules;
    private final KeywordIndex keywords;

    public SecretScanner(List<SecretRule> rules) {
        this.rules = List.copyOf(rules);
        this.keywords = new KeywordIndex(this.rules);
        int longest = rules.stream().mapToInt(SecretRule::reach).max().orElse(0);
        if (longest + BEFORE > OVERLAP) {
            throw new IllegalArgumentException("a rule reaches %d characters, more than the %d-byte chunk overlap"
                    .formatted(longest, OVERLAP - BEFORE));
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
            long limit = chunkStart;
            seen.removeIf(offset -> offset < limit);
            read = in.readNBytes(buffer, carried, CHUNK);
            if (read == 0) {
                break;
            }
        }
        return out;
    }

    /** A match before deduplication: the secret's span in the chunk. */
    private record Hit(SecretRule rule, int start, int end, String redacted) {}

    /**
     * Searches one chunk, {@code bytes[0, length)}; {@code text} is the same as a string, or null to make it only when
     * a keyword asks for a pattern to run. A generic match that overlaps a match of a specific rule (the
     * {@code token = "glrt-..."} of a GitLab token) is the same secret and is dropped.
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
            Matcher m = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            int windowStart = -1;
            int windowEnd = -1;
            for (int at : keywordHits.get(r)) {
                int from = Math.max(0, at - BEFORE);
                int to = Math.min(text.length(), at + rule.reach());
                if (from <= windowEnd) {
                    windowEnd = to;
                    continue;
                }
                if (windowEnd >= 0) {
                    findIn(m, text, windowStart, windowEnd, rule, hits);
                }
                windowStart = from;
                windowEnd = to;
            }
            findIn(m, text, windowStart, windowEnd, rule, hits);
        }
        for (Hit hit : hits) {
            boolean shadowed = hit.rule().generic() && hits.stream().anyMatch(other -> !other.rule().generic()
                    && other.start() < hit.end() && hit.start() < other.end());
            if (!shadowed && seen.add((chunkStart + hit.start()) * 64 + rules.indexOf(hit.rule()))) {
                out.add(new Match(hit.rule(), lineAtChunkStart + newlines(bytes, 0, hit.start()), hit.redacted()));
            }
        }
    }

    /** The matches of one rule in one window of the chunk. */
    private static void findIn(Matcher m, String text, int from, int to, SecretRule rule, List<Hit> hits) {
        m.region(from, to);
        while (m.find()) {
            String secret = m.group(rule.secretGroup());
            if (secret == null || Allowlist.isExampleOrPlaceholder(secret, rule)
                    || rule.minEntropy() > 0 && Entropy.bitsPerChar(secret) < rule.minEntropy()) {
                continue;
            }
            int start = m.start(rule.secretGroup());
            int shown = rule.assignment() ? keyNameStart(text, m.start()) : m.start();
            hits.add(new Hit(rule, start, m.end(rule.secretGroup()),
                    Redaction.of(text.substring(shown, m.end()), start - shown, secret.length())));
        }
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
