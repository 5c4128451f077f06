package dev.bulwark.scanner.secret;

/**
 * What a report shows of a match: the context around the secret as found, and of the secret only its first
 * characters (at most 4, and at most a quarter of it), the rest masked. Long matches are cut.
 */
final class Redaction {

    private static final int MAX_SHOWN = 80;
    private static final int MAX_MASK = 16;

    private Redaction() {}

    static String of(String match, int secretStart, int secretLength) {
        String secret = match.substring(secretStart, secretStart + secretLength);
        int kept = Math.min(4, secret.length() / 4);
        String masked = secret.substring(0, kept) + "*".repeat(Math.min(MAX_MASK, Math.max(4, secret.length() - kept)));
        String shown = (match.substring(0, secretStart) + masked + match.substring(secretStart + secretLength))
                .replaceAll("\\s+", " ").strip();
        return shown.length() <= MAX_SHOWN ? shown : shown.substring(0, MAX_SHOWN - 3) + "...";
    }
}
