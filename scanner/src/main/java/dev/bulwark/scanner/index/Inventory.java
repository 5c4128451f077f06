package dev.bulwark.scanner.index;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.SecretFinding;
import dev.bulwark.core.scan.ScanWarning;
import java.util.ArrayList;
import java.util.List;

/** What one analyzer found, or the merge of several: packages, OS candidates, secrets and warnings. */
public record Inventory(List<InstalledPackage> packages, List<OsInfo> os, List<SecretFinding> secrets,
        List<ScanWarning> warnings) {

    public Inventory {
        packages = List.copyOf(packages);
        os = List.copyOf(os);
        secrets = List.copyOf(secrets);
        warnings = List.copyOf(warnings);
    }

    public static Inventory empty() {
        return new Inventory(List.of(), List.of(), List.of(), List.of());
    }

    public static Inventory of(List<InstalledPackage> packages, List<ScanWarning> warnings) {
        return new Inventory(packages, List.of(), List.of(), warnings);
    }

    public static Inventory ofOs(OsInfo os) {
        return new Inventory(List.of(), List.of(os), List.of(), List.of());
    }

    public static Inventory ofSecrets(List<SecretFinding> secrets, List<ScanWarning> warnings) {
        return new Inventory(List.of(), List.of(), secrets, warnings);
    }

    public static Inventory warning(String path, String layer, String reason) {
        return of(List.of(), List.of(new ScanWarning(path, layer, reason)));
    }

    public Inventory plus(Inventory other) {
        var p = new ArrayList<>(packages);
        p.addAll(other.packages);
        var o = new ArrayList<>(os);
        o.addAll(other.os);
        var s = new ArrayList<>(secrets);
        s.addAll(other.secrets);
        var w = new ArrayList<>(warnings);
        w.addAll(other.warnings);
        return new Inventory(p, o, s, w);
    }
}
