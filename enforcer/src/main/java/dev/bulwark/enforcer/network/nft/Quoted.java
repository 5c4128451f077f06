package dev.bulwark.enforcer.network.nft;

/** Hostile input as it may appear in a message: cut short, control characters escaped. */
final class Quoted {

    private static final int SHOWN = 80;

    private Quoted() {}

    static String of(String text) {
        StringBuilder out = new StringBuilder("'");
        text.codePoints().limit(SHOWN).forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == '\'' || c == '\\') {
                out.append("\\x%02x".formatted(c));
            } else {
                out.appendCodePoint(c);
            }
        });
        if (text.codePointCount(0, text.length()) > SHOWN) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
