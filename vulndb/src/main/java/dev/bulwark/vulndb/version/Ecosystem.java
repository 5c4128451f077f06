package dev.bulwark.vulndb.version;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The version orderings Bulwark implements, by the name users type ({@code --ecosystem deb}). */
public enum Ecosystem {
    DEB("deb", "dpkg"),
    APK("apk"),
    RPM("rpm"),
    MAVEN("maven"),
    PYPI("pypi", "pep440", "python"),
    SEMVER("semver", "npm", "cargo", "crates.io"),
    GO("go", "golang"),
    GEM("gem", "rubygems"),
    COMPOSER("composer", "packagist"),
    NUGET("nuget");

    private final String id;
    private final List<String> aliases;

    Ecosystem(String id, String... aliases) {
        this.id = id;
        this.aliases = List.of(aliases);
    }

    public String id() {
        return id;
    }

    public VersionComparator comparator() {
        return switch (this) {
            case DEB -> DebianVersionComparator.INSTANCE;
            case APK -> ApkVersionComparator.INSTANCE;
            case RPM -> RpmVersionComparator.INSTANCE;
            case MAVEN -> MavenVersionComparator.INSTANCE;
            case PYPI -> Pep440Comparator.INSTANCE;
            case SEMVER -> SemVerComparator.NPM;
            case GO -> SemVerComparator.GO;
            case GEM -> RubyGemsVersionComparator.INSTANCE;
            case COMPOSER -> ComposerVersionComparator.INSTANCE;
            case NUGET -> NuGetVersionComparator.INSTANCE;
        };
    }

    /** By id or alias, ignoring case ({@code npm} and {@code cargo} are {@link #SEMVER}). */
    public static Ecosystem parse(String name) {
        for (Ecosystem e : values()) {
            if (e.id.equalsIgnoreCase(name) || e.aliases.stream().anyMatch(name::equalsIgnoreCase)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown ecosystem '%s' (known: %s)".formatted(name,
                Arrays.stream(values()).map(Ecosystem::id).collect(Collectors.joining(", "))));
    }
}
