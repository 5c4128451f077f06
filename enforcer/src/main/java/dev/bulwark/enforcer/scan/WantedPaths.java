package dev.bulwark.enforcer.scan;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files of a root a vulnerability scanner needs: this module's own copy of what the scanner's OS and
 * language analyzers ask for, since the enforcer does not depend on the scanner. {@code RootFilesAnalyzerPathsTest}
 * holds it against the scanner's pinned sample paths ({@code analyzer-paths.txt}). The mapping, analyzer by
 * analyzer:
 *
 * <ul>
 *   <li>{@code os-release}: the {@link #OS_RELEASE} files, looked up by name.
 *   <li>{@code dpkg}: {@code var/lib/dpkg/status}, every file of {@code status.d/} (distroless), and the
 *       {@code info/*.list} files that say which package owns which file, sent only when all of them fit in what is
 *       left of the budget at the end (they spare the scanner reporting a packaged file twice, nothing more);
 *       {@code *.md5sums}, which no analyzer reads, are left out.
 *   <li>{@code apk}: {@code lib/apk/db/installed}. {@code rpm}: {@code Packages}, {@code Packages.db},
 *       {@code rpmdb.sqlite} and {@code rpmdb.sqlite-wal} in {@code var/lib/rpm/} and {@code usr/lib/sysimage/rpm/}.
 *   <li>Language manifests, found by walking the tree ({@link Kind#MANIFEST}): {@code node-modules} (a package's
 *       {@code package.json} under {@code node_modules}), {@code npm-lock}, {@code yarn-lock}, {@code pnpm-lock},
 *       {@code python-dist} ({@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO}, a {@code *.egg-info}
 *       file), {@code poetry-lock}, {@code pipfile-lock}, {@code pip-requirements} ({@code requirements*.txt}),
 *       {@code cargo-lock}, {@code gemspec} ({@code .../specifications/*.gemspec}), {@code gemfile-lock},
 *       {@code composer-installed}, {@code composer-lock}, {@code dotnet-deps} ({@code *.deps.json}) and
 *       {@code nuget-lock}. Lock files count only in a project, not inside the {@code node_modules/} or
 *       {@code vendor/} of its dependencies, as the scanner's {@code PathRules.inProject} has it.
 *   <li>{@code jar}: {@code .jar .war .ear .par .hpi .jpi} ({@link Kind#ARCHIVE}).
 *   <li>{@code go-binary} and {@code cargo-auditable}: executable files over 1 KiB ({@link Kind#EXECUTABLE}), which
 *       the caller also checks are ELF. Shared libraries ({@code *.so}, {@code *.so.N}) are left out, though the
 *       scanner would take them: on rpm distributions they are executable and would crowd the programs out of
 *       the budget.
 * </ul>
 *
 * Go modules are read from the binaries, so {@code go.mod} and {@code go.sum} are not wanted; neither are the
 * files only the secret analyzer reads. Directories that hold no packages ({@link #pruned}) are not walked.
 */
final class WantedPaths {

    /** What to do with a file the walk finds. */
    enum Kind {
        /** A language package file: small, written as soon as it is found. */
        MANIFEST,
        /** A Java archive: written at the end, smallest first, while the budget lasts. */
        ARCHIVE,
        /** An executable that may carry Go or Rust build information: like an archive, if it is ELF. */
        EXECUTABLE
    }

    /** The files naming the distribution, in the order of the scanner's {@code OsReleaseAnalyzer}. */
    static final List<String> OS_RELEASE = List.of("etc/os-release", "usr/lib/os-release", "etc/lsb-release",
            "etc/alpine-release", "etc/debian_version", "etc/centos-release", "etc/rocky-release",
            "etc/almalinux-release", "etc/oracle-release", "etc/fedora-release", "etc/redhat-release",
            "etc/system-release", "etc/mariner-release", "etc/azurelinux-release", "etc/photon-release",
            "etc/SuSE-release");

    /** The package databases that are single files at fixed paths. */
    static final List<String> PACKAGE_DATABASES = List.of("var/lib/dpkg/status", "lib/apk/db/installed",
            "var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/rpmdb.sqlite-wal", "var/lib/rpm/Packages.db",
            "var/lib/rpm/Packages", "usr/lib/sysimage/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite-wal",
            "usr/lib/sysimage/rpm/Packages.db", "usr/lib/sysimage/rpm/Packages");

    /** dpkg's database split in one file per package (distroless images): every file in it. */
    static final String DPKG_STATUS_D = "var/lib/dpkg/status.d";

    /** dpkg's per-package files; only the {@code *.list} are wanted. */
    static final String DPKG_INFO = "var/lib/dpkg/info";
    static final String DPKG_LIST = ".list";

    /**
     * Not walked: pseudo file systems, runtime state, other containers' storage (a host root holds every
     * container's layers), and documentation and locale trees, which hold no packages but many entries.
     */
    private static final Set<String> PRUNED = Set.of("proc", "sys", "dev", "run", "var/run", "var/lib/docker",
            "var/lib/containerd", "var/lib/containers", "var/lib/kubelet", "usr/share/doc", "usr/share/man",
            "usr/share/info", "usr/share/locale", "usr/share/i18n", "usr/share/zoneinfo");

    private static final Set<String> PROJECT_FILES = Set.of("package-lock.json", "npm-shrinkwrap.json",
            "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "Pipfile.lock", "Cargo.lock", "Gemfile.lock",
            "composer.lock", "packages.lock.json");
    private static final Pattern NODE_MODULE = Pattern.compile(
            "(?:.*/)?node_modules/(?:@[^/]+/)?[^/@.][^/]*/package\\.json");
    private static final List<String> ARCHIVES = List.of(".jar", ".war", ".ear", ".par", ".hpi", ".jpi");
    private static final Pattern SHARED_LIBRARY = Pattern.compile(".*\\.so(?:\\.[0-9][^/]*)?");
    private static final long SMALLEST_EXECUTABLE = 1024;

    private WantedPaths() {}

    /** Whether the walk stays out of the directory at {@code path} (relative to the root, no leading slash). */
    static boolean pruned(String path) {
        return PRUNED.contains(path);
    }

    /**
     * What a regular file the walk finds is wanted as, if at all.
     *
     * @param path relative to the root, no leading slash
     * @param mode the permission bits (at least)
     * @param size in bytes
     */
    static Optional<Kind> walked(String path, int mode, long size) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (manifest(path, name)) {
            return Optional.of(Kind.MANIFEST);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (ARCHIVES.stream().anyMatch(lower::endsWith)) {
            return Optional.of(Kind.ARCHIVE);
        }
        if ((mode & 0111) != 0 && size > SMALLEST_EXECUTABLE && !SHARED_LIBRARY.matcher(name).matches()) {
            return Optional.of(Kind.EXECUTABLE);
        }
        return Optional.empty();
    }

    private static boolean manifest(String path, String name) {
        if (PROJECT_FILES.contains(name) || name.startsWith("requirements") && name.endsWith(".txt")) {
            return !path.contains("node_modules/") && !path.contains("vendor/");
        }
        return path.endsWith("/package.json") && NODE_MODULE.matcher(path).matches()
                || path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO")
                || path.endsWith(".egg-info")
                || name.endsWith(".gemspec") && path.contains("/specifications/")
                || path.endsWith("vendor/composer/installed.json")
                || name.endsWith(".deps.json");
    }
}
