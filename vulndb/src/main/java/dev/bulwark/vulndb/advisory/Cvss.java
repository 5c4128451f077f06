package dev.bulwark.vulndb.advisory;

import dev.bulwark.core.scan.SeverityLevel;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Base scores computed from CVSS v2 and v3.x vectors, with the formulas and weights of the FIRST specifications
 * (v3.x with the v3.1 round-up). A vector that is malformed or lacks a base metric has no score. CVSS v4 scores
 * come from a lookup over macro vectors and are taken from the feed, not computed here.
 */
public final class Cvss {

    private Cvss() {}

    /** The base score of a {@code CVSS:3.0/...} or {@code CVSS:3.1/...} vector. */
    public static Optional<Double> v3BaseScore(String vector) {
        Map<String, String> m = metrics(vector, "CVSS:3.");
        if (m.isEmpty()) {
            return Optional.empty();
        }
        boolean changed = "C".equals(m.get("S"));
        Double av = weight(m.get("AV"), "N", 0.85, "A", 0.62, "L", 0.55, "P", 0.2);
        Double ac = weight(m.get("AC"), "L", 0.77, "H", 0.44);
        Double pr = changed ? weight(m.get("PR"), "N", 0.85, "L", 0.68, "H", 0.5)
                : weight(m.get("PR"), "N", 0.85, "L", 0.62, "H", 0.27);
        Double ui = weight(m.get("UI"), "N", 0.85, "R", 0.62);
        Double c = weight(m.get("C"), "H", 0.56, "L", 0.22, "N", 0.0);
        Double i = weight(m.get("I"), "H", 0.56, "L", 0.22, "N", 0.0);
        Double a = weight(m.get("A"), "H", 0.56, "L", 0.22, "N", 0.0);
        if (av == null || ac == null || pr == null || ui == null || c == null || i == null || a == null
                || !m.containsKey("S") || !m.get("S").matches("[UC]")) {
            return Optional.empty();
        }
        double iss = 1 - (1 - c) * (1 - i) * (1 - a);
        double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
        double exploitability = 8.22 * av * ac * pr * ui;
        if (impact <= 0) {
            return Optional.of(0.0);
        }
        double base = changed ? Math.min(1.08 * (impact + exploitability), 10) : Math.min(impact + exploitability, 10);
        return Optional.of(roundUp(base));
    }

    /** The base score of a CVSS v2 vector ({@code AV:N/AC:L/Au:N/C:P/I:P/A:P}, optionally in parentheses). */
    public static Optional<Double> v2BaseScore(String vector) {
        Map<String, String> m = metrics(vector.replace("(", "").replace(")", ""), "");
        Double av = weight(m.get("AV"), "L", 0.395, "A", 0.646, "N", 1.0);
        Double ac = weight(m.get("AC"), "H", 0.35, "M", 0.61, "L", 0.71);
        Double au = weight(m.get("Au"), "M", 0.45, "S", 0.56, "N", 0.704);
        Double c = weight(m.get("C"), "N", 0.0, "P", 0.275, "C", 0.660);
        Double i = weight(m.get("I"), "N", 0.0, "P", 0.275, "C", 0.660);
        Double a = weight(m.get("A"), "N", 0.0, "P", 0.275, "C", 0.660);
        if (av == null || ac == null || au == null || c == null || i == null || a == null) {
            return Optional.empty();
        }
        double impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
        double exploitability = 20 * av * ac * au;
        double f = impact == 0 ? 0 : 1.176;
        double base = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * f;
        return Optional.of(Math.round(base * 10) / 10.0);
    }

    /** The v2 rating: low below 4, medium below 7, high from 7. */
    public static SeverityLevel v2Level(double score) {
        return score >= 7 ? SeverityLevel.HIGH : score >= 4 ? SeverityLevel.MEDIUM
                : score > 0 ? SeverityLevel.LOW : SeverityLevel.UNKNOWN;
    }

    /** The metrics of a vector after its version prefix; empty if the prefix is wrong or a part is malformed. */
    private static Map<String, String> metrics(String vector, String prefix) {
        if (!vector.startsWith(prefix)) {
            return Map.of();
        }
        String[] parts = vector.split("/");
        Map<String, String> metrics = new HashMap<>();
        for (int p = prefix.isEmpty() ? 0 : 1; p < parts.length; p++) {
            String[] kv = parts[p].split(":", -1);
            if (kv.length != 2 || metrics.put(kv[0], kv[1]) != null) {
                return Map.of();
            }
        }
        return metrics;
    }

    /** The weight of {@code value} from alternating (name, weight) pairs, or null if it is not one of them. */
    private static Double weight(String value, Object... pairs) {
        for (int p = 0; p < pairs.length; p += 2) {
            if (pairs[p].equals(value)) {
                return (Double) pairs[p + 1];
            }
        }
        return null;
    }

    /** CVSS v3.1 Roundup: the smallest one-decimal number not below the input, free of floating-point noise. */
    private static double roundUp(double value) {
        long scaled = Math.round(value * 100_000);
        return scaled % 10_000 == 0 ? scaled / 100_000.0 : (Math.floorDiv(scaled, 10_000) + 1) / 10.0;
    }
}
