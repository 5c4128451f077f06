package dev.bulwark.scanner.secret;

/**
 * Text that lets itself be read only so many characters: a regular expression that backtracks badly runs out of
 * steps ({@link Exhausted}) instead of running for hours. Each matcher has its own instance; not thread-safe.
 */
final class BudgetedText implements CharSequence {

    /** The budget is spent. */
    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("step budget exhausted", null, false, false);
        }
    }

    private final String text;
    private long left;

    BudgetedText(String text, long steps) {
        this.text = text;
        this.left = steps;
    }

    @Override
    public char charAt(int index) {
        if (--left < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
