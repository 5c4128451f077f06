package dev.bulwark.core.io;

/**
 * Text from an image or a peer made safe to print: control characters (ESC, CR, LF, DEL and the C1 range) become
 * {@code \xNN}, so a file name can neither drive the terminal nor forge lines of a report.
 */
public final class Printable {

    private Printable() {}

    /** The text with every control character escaped. */
    public static String of(String text) {
        return of(text, Integer.MAX_VALUE);
    }

    /** The first {@code max} characters with control characters escaped, then {@code ...} if there were more. */
    public static String of(String text, int max) {
        StringBuilder b = null;
        int n = Math.min(text.length(), max);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c >= 0x7f && c < 0xa0;
            if (control && b == null) {
                b = new StringBuilder(n + 16).append(text, 0, i);
            }
            if (control) {
                b.append("\\x%02x".formatted((int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        String head = b != null ? b.toString() : text.substring(0, n);
        return text.length() > max ? head + "..." : head;
    }
}
