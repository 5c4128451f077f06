package dev.bulwark.core.scan;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The package formats the inventory knows: distribution packages and language ecosystems. The JSON name is also
 * the purl type.
 */
public enum PackageType {
    DEB("deb"),
    APK("apk"),
    RPM("rpm"),
    GOLANG("golang"),
    PYPI("pypi"),
    MAVEN("maven"),
    NPM("npm"),
    CARGO("cargo"),
    GEM("gem"),
    COMPOSER("composer"),
    NUGET("nuget");

    private final String id;

    PackageType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Installed by the distribution's package manager, as opposed to a language ecosystem's. */
    public boolean isOsPackage() {
        return this == DEB || this == APK || this == RPM;
    }
}
