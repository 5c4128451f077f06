package dev.bulwark.vulndb.version;

/** A version string that the ecosystem's own tool would reject; the message names the string and the reason. */
public final class InvalidVersionException extends IllegalArgumentException {

    public InvalidVersionException(Ecosystem ecosystem, String version, String reason) {
        super("invalid %s version '%s': %s".formatted(ecosystem.id(), version, reason));
    }
}
