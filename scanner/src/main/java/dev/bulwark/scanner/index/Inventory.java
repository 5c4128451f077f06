package dev.bulwark.scanner.index;

import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.OsInfo;
import dev.bulwark.core.scan.ScanWarning;
import java.util.ArrayList;
import java.util.List;

/** What one analyzer found, or the merge of several: packages, OS candidates, and warnings. */
public record Inventory(List<InstalledPackage> packages, List<OsInfo> os, List<ScanWarning> warnings) {

    public Inventory {
        packages = List.copyOf(packages);
        os = List.copyOf(os);
        warnings = List.copyOf(warnings);
    }

    public static Inventory empty() {
        return new Inventory(List.of(), List.of(), List.of());
    }

    public static Inventory of(List<InstalledPackage> packages, List<ScanWarning> warnings) {
        return new Inventory(packages, List.of(), warnings);
    }

    public static Inventory ofOs(OsInfo os) {
        return new Inventory(List.of(), List.of(os), List.of());
    }

    public Inventory plus(Inventory other) {
        var p = new ArrayList<>(packages);
        p.addAll(other.packages);
        var o = new ArrayList<>(os);
        o.addAll(other.os);
        var w = new ArrayList<>(warnings);
        w.addAll(other.warnings);
        return new Inventory(p, o, w);
    }
}
