package dev.bulwark.scanner.secret;

/** Shannon entropy of a string, in bits per character: random keys score high, words and patterns low. */
final class Entropy {

    private Entropy() {}

    static double bitsPerChar(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        for (int count : counts) {
            bits += term(count, s.length());
        }
        return bits + term(other, s.length());
    }

    private static double term(int count, int length) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / length;
        return -p * Math.log(p) / Math.log(2);
    }
}
