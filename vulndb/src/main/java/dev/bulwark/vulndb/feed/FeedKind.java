package dev.bulwark.vulndb.feed;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The feed formats {@code bulwark db build --source KIND=PATH} accepts. */
public enum FeedKind {
    OSV("osv"),
    ALPINE_SECDB("alpine-secdb"),
    DEBIAN_TRACKER("debian-tracker"),
    NVD("nvd");

    private final String id;

    FeedKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public FeedImporter importer() {
        return switch (this) {
            case OSV -> new OsvImporter();
            case ALPINE_SECDB -> new AlpineSecdbImporter();
            case DEBIAN_TRACKER -> new DebianTrackerImporter();
            case NVD -> new NvdImporter();
        };
    }

    public static FeedKind parse(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown feed kind '%s' (known: %s)".formatted(id,
                        Arrays.stream(values()).map(FeedKind::id).collect(Collectors.joining(", ")))));
    }
}
