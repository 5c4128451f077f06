package dev.bulwark.scanner.match;

import dev.bulwark.vulndb.advisory.Advisory;

/** The page a finding links to: the issuer's own page for well-known id schemes, else the advisory's first reference. */
final class Links {

    private Links() {}

    static String of(Advisory a) {
        String id = a.id();
        if (id.startsWith("CVE-")) {
            return "https://nvd.nist.gov/vuln/detail/" + id;
        }
        if (id.startsWith("GHSA-")) {
            return "https://github.com/advisories/" + id;
        }
        if (id.startsWith("GO-")) {
            return "https://pkg.go.dev/vuln/" + id;
        }
        if (!a.references().isEmpty()) {
            return a.references().getFirst();
        }
        return "https://osv.dev/vulnerability/" + id;
    }
}
