package dev.bulwark.vulndb.version;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The version orderings Bulwark implements, by the name users type ({@code --ecosystem deb}). */
public enum Ecosystem {
    DEB("deb"),
    APK("apk"),
    RPM("rpm");

    private final String id;

    Ecosystem(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public VersionComparator comparator() {
        return switch (this) {
            case DEB -> DebianVersionComparator.INSTANCE;
            case APK -> ApkVersionComparator.INSTANCE;
            case RPM -> RpmVersionComparator.INSTANCE;
        };
    }

    public static Ecosystem parse(String id) {
        for (Ecosystem e : values()) {
            if (e.id.equalsIgnoreCase(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown ecosystem '%s' (known: %s)".formatted(id,
                Arrays.stream(values()).map(Ecosystem::id).collect(Collectors.joining(", "))));
    }
}
