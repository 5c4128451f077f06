package dev.bulwark.vulndb.version;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maven's ordering, as {@code org.apache.maven.artifact.versioning.ComparableVersion} (Maven 3.9) defines it.
 * A version is split at {@code .}, at {@code -} and where digits and letters meet; {@code -} and a letter-digit
 * change open a nested list. Numbers compare numerically, qualifiers in the order {@code alpha < beta <
 * milestone < rc = cr < snapshot < "" = ga = final = release < sp}, then unknown qualifiers alphabetically; a
 * single {@code a}, {@code b} or {@code m} followed by digits stands for alpha, beta, milestone. Trailing
 * zeros and release qualifiers are dropped, so {@code 1.0 = 1 = 1-ga}. Every string is a valid Maven version.
 */
final class MavenVersionComparator implements VersionComparator {

    static final MavenVersionComparator INSTANCE = new MavenVersionComparator();

    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final Map<String, String> ALIASES = Map.of("ga", "", "final", "", "release", "", "cr", "rc");
    private static final int RELEASE = QUALIFIERS.indexOf("");

    private sealed interface Item permits Num, Qualifier, Items {}

    /** Digits without leading zeros. */
    private record Num(String digits) implements Item {}

    private record Qualifier(String value) implements Item {

        static Qualifier of(String text, boolean followedByDigit) {
            String v = text;
            if (followedByDigit && text.length() == 1) {
                v = switch (text.charAt(0)) {
                    case 'a' -> "alpha";
                    case 'b' -> "beta";
                    case 'm' -> "milestone";
                    default -> text;
                };
            }
            return new Qualifier(ALIASES.getOrDefault(v, v));
        }

        /** A text that sorts qualifiers: the known ones by rank, unknown ones after them by name. */
        String rank() {
            int i = QUALIFIERS.indexOf(value);
            return i >= 0 ? String.valueOf(i) : QUALIFIERS.size() + "-" + value;
        }
    }

    private record Items(List<Item> items) implements Item {}

    private MavenVersionComparator() {}

    @Override
    public Ecosystem ecosystem() {
        return Ecosystem.MAVEN;
    }

    @Override
    public void validate(String version) {
        // ComparableVersion accepts every string.
    }

    @Override
    public int compare(String a, String b) {
        return compare(parse(a), parse(b));
    }

    private static Items parse(String version) {
        String v = version.toLowerCase(Locale.ENGLISH);
        Items root = new Items(new ArrayList<>());
        Deque<Items> opened = new ArrayDeque<>();
        opened.push(root);
        Items list = root;
        boolean digit = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' || c == '-') {
                list.items.add(i == start ? new Num("0") : item(digit, v.substring(start, i)));
                start = i + 1;
                if (c == '-') {
                    list = nested(list, opened);
                }
            } else if (Character.isDigit(c)) {
                if (!digit && i > start) {
                    if (!list.items.isEmpty()) {
                        list = nested(list, opened);
                    }
                    list.items.add(Qualifier.of(v.substring(start, i), true));
                    start = i;
                    list = nested(list, opened);
                }
                digit = true;
            } else {
                if (digit && i > start) {
                    list.items.add(item(true, v.substring(start, i)));
                    start = i;
                    list = nested(list, opened);
                }
                digit = false;
            }
        }
        if (v.length() > start) {
            if (!digit && !list.items.isEmpty()) {
                list = nested(list, opened);
            }
            list.items.add(item(digit, v.substring(start)));
        }
        while (!opened.isEmpty()) {
            normalize(opened.pop());
        }
        return root;
    }

    private static Items nested(Items parent, Deque<Items> opened) {
        Items child = new Items(new ArrayList<>());
        parent.items.add(child);
        opened.push(child);
        return child;
    }

    private static Item item(boolean digit, String text) {
        if (!digit) {
            return Qualifier.of(text, false);
        }
        StringBuilder ascii = new StringBuilder(text.length());
        text.chars().forEach(c -> ascii.append((char) ('0' + Character.digit(c, 10))));
        return new Num(Digits.stripZeros(ascii.toString()));
    }

    /** Drops trailing "null" items (zero, release qualifier, empty list), looking through to the last non-list. */
    private static void normalize(Items list) {
        for (int i = list.items.size() - 1; i >= 0; i--) {
            Item last = list.items.get(i);
            if (isNull(last)) {
                list.items.remove(i);
            } else if (!(last instanceof Items)) {
                break;
            }
        }
    }

    private static boolean isNull(Item item) {
        return switch (item) {
            case Num n -> n.digits.equals("0");
            case Qualifier q -> q.rank().equals(String.valueOf(RELEASE));
            case Items l -> l.items.isEmpty();
        };
    }

    /** Compares two items; a {@code null} right side stands for "nothing here" (the other version ended). */
    private static int compare(Item left, Item right) {
        return switch (left) {
            case Num n -> switch (right) {
                case null -> n.digits.equals("0") ? 0 : 1;
                case Num m -> Digits.compare(n.digits, m.digits);
                case Qualifier q -> 1;
                case Items l -> 1;
            };
            case Qualifier q -> switch (right) {
                case null -> Integer.signum(q.rank().compareTo(String.valueOf(RELEASE)));
                case Num m -> -1;
                case Qualifier r -> Integer.signum(q.rank().compareTo(r.rank()));
                case Items l -> -1;
            };
            case Items l -> switch (right) {
                case null -> compareLists(l.items, List.of());
                case Num m -> -1;
                case Qualifier q -> 1;
                case Items r -> compareLists(l.items, r.items);
            };
        };
    }

    private static int compareLists(List<Item> a, List<Item> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            Item l = i < a.size() ? a.get(i) : null;
            Item r = i < b.size() ? b.get(i) : null;
            int c = l == null ? -compare(r, null) : compare(l, r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
