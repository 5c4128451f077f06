package dev.bulwark.core.scan;

import com.fasterxml.jackson.annotation.JsonValue;

/** The package formats the inventory knows; the JSON name is also the purl type. */
public enum PackageType {
    DEB("deb"),
    APK("apk"),
    RPM("rpm");

    private final String id;

    PackageType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }
}
