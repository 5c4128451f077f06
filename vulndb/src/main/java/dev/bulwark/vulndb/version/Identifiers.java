package dev.bulwark.vulndb.version;

import java.util.Comparator;
import java.util.List;

/**
 * Dot-separated identifier lists as SemVer pre-releases, NuGet release labels and PEP 440 local labels compare:
 * pairwise, numbers numerically, a number against text by a fixed rule, text by the ecosystem's text order, and
 * a list that is a prefix of the other first.
 */
final class Identifiers {

    private Identifiers() {}

    /**
     * @param numbersFirst whether a numeric identifier sorts below a textual one (SemVer, NuGet) or above (PEP 440)
     * @param text how two textual identifiers compare
     */
    static int compare(List<String> a, List<String> b, boolean numbersFirst, Comparator<String> text) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean xNum = Digits.isDigits(x);
            boolean yNum = Digits.isDigits(y);
            int c = xNum && yNum ? Digits.compare(x, y)
                    : xNum != yNum ? (xNum == numbersFirst ? -1 : 1)
                    : Integer.signum(text.compare(x, y));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
