package dev.bulwark.scanner.index.lang;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Path tests for analyzers: cheap, since they run for every file of every layer. */
public final class PathRules {

    private PathRules() {}

    /** Files with one of these exact names, in any directory. */
    public static Predicate<String> named(String... names) {
        Set<String> set = Set.of(names);
        return path -> set.contains(fileName(path));
    }

    /** Paths that end with the suffix and match the pattern; the suffix test runs first, so most paths cost one check. */
    public static Predicate<String> endingAndMatching(String suffix, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return path -> path.endsWith(suffix) && pattern.matcher(path).matches();
    }

    /** Files with one of these names in a project, not those that packages ship in {@link #inProject its} dependencies. */
    public static Predicate<String> projectFiles(String... names) {
        return inProject(named(names));
    }

    /** Paths in a project, not inside the {@code node_modules} or {@code vendor} directory of its dependencies. */
    public static Predicate<String> inProject(Predicate<String> paths) {
        return path -> paths.test(path) && !path.contains("node_modules/") && !path.contains("vendor/");
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
