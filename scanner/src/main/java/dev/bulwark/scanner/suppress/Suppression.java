package dev.bulwark.scanner.suppress;

import dev.bulwark.core.scan.SuppressedFinding;
import dev.bulwark.core.scan.Vulnerability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A source of declarations that some findings do not apply: an ignore file, a VEX document. */
public interface Suppression {

    /** The suppression of this finding, if the source declares it not applicable. */
    Optional<SuppressedFinding> suppress(Vulnerability finding);

    /** What the user should know about the source itself: expired entries, statements that matched nothing. */
    List<String> notices();

    /** The findings split into those that stay and those suppressed, by the first source that applies. */
    record Outcome(List<Vulnerability> kept, List<SuppressedFinding> suppressed) {}

    static Outcome apply(List<Vulnerability> findings, List<? extends Suppression> sources) {
        List<Vulnerability> kept = new ArrayList<>();
        List<SuppressedFinding> suppressed = new ArrayList<>();
        for (Vulnerability v : findings) {
            Optional<SuppressedFinding> s = Optional.empty();
            for (Suppression source : sources) {
                s = source.suppress(v);
                if (s.isPresent()) {
                    break;
                }
            }
            s.ifPresentOrElse(suppressed::add, () -> kept.add(v));
        }
        return new Outcome(kept, suppressed);
    }

    /** Whether an id names the finding: its own id or one of its aliases (a CVE id for a GHSA record). */
    static boolean names(Vulnerability v, String id) {
        return v.id().equalsIgnoreCase(id) || v.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(id));
    }

    /**
     * Whether a package reference names the finding's package: its name, or a purl that equals the package's, or
     * that lacks a version (or qualifiers) and equals it without them.
     */
    static boolean namesPackage(Vulnerability v, String reference) {
        if (reference.equals(v.packageName()) || reference.equals(v.purl())) {
            return true;
        }
        if (!reference.startsWith("pkg:") || v.purl().isEmpty()) {
            return false;
        }
        String purl = v.purl();
        int q = purl.indexOf('?');
        String withoutQualifiers = q < 0 ? purl : purl.substring(0, q);
        int at = withoutQualifiers.lastIndexOf('@');
        String withoutVersion = at < 0 ? withoutQualifiers : withoutQualifiers.substring(0, at);
        return reference.equals(withoutQualifiers) || reference.equals(withoutVersion);
    }
}
