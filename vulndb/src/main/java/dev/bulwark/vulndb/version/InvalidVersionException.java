package dev.bulwark.vulndb.version;

/** A version string that the ecosystem's own tool would reject; the message names the string and the reason. */
public final class InvalidVersionException extends IllegalArgumentException {

    /** Longer strings are cut in the message, so that hostile input cannot flood a log line. */
    private static final int SHOWN_CHARS = 80;

    public InvalidVersionException(Ecosystem ecosystem, String version, String reason) {
        super("invalid %s version '%s': %s".formatted(ecosystem.id(), shown(version), reason));
    }

    private static String shown(String version) {
        return version.length() <= SHOWN_CHARS ? version
                : version.substring(0, SHOWN_CHARS) + "...(" + version.length() + " chars)";
    }
}
