import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Build step of the cli module: rewrites the class files of Java 5 and older (major version below 50) in the named
 * jars of a directory as Java 8 class files with stack maps. The JVM's AOT cache holds no class of such an old version,
 * so without this the command-line parser (picocli, compiled for Java 5) is loaded, verified and linked anew on
 * every run: a fifth of `bulwark scan --help`. The code is unchanged; only the version and the stack maps the newer
 * verifier needs are written. Signed jars are left alone. Only jars named on the command line are touched (the
 * ones on the start-up path), so that a rewrite never reaches code no run measures. Run with
 * {@code java UpgradeClassFiles.java DIR JAR-NAME-PREFIX...}.
 */
public final class UpgradeClassFiles {

    private static final int OLDEST_KEPT = 50;
    private static final int WRITTEN = 52;

    public static void main(String[] args) throws IOException {
        List<String> names = List.of(args).subList(1, args.length);
        try (Stream<Path> jars = Files.list(Path.of(args[0]))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")
                    && names.stream().anyMatch(n -> p.getFileName().toString().startsWith(n))).sorted().toList()) {
                int upgraded = upgrade(jar);
                if (upgraded > 0) {
                    System.out.printf("upgraded %d class files of %s to version %d%n", upgraded, jar.getFileName(),
                            WRITTEN);
                }
            }
        }
    }

    /** Rewrites the jar in place when it holds old class files; how many it rewrote. */
    private static int upgrade(Path jar) throws IOException {
        List<JarEntry> entries;
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().toList();
            boolean signed = entries.stream().anyMatch(e -> e.getName().startsWith("META-INF/")
                    && e.getName().endsWith(".SF"));
            boolean old = entries.stream().anyMatch(e -> isClass(e) && version(file, e) < OLDEST_KEPT);
            if (signed || !old) {
                return 0;
            }
        }
        Path out = jar.resolveSibling(jar.getFileName() + ".tmp");
        int count = 0;
        try (JarFile file = new JarFile(jar.toFile());
                URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                        ClassLoader.getPlatformClassLoader());
                JarOutputStream target = new JarOutputStream(Files.newOutputStream(out))) {
            ClassFile classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                    ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(loader))),
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
            List<String> written = new ArrayList<>();
            for (JarEntry entry : entries) {
                if (entry.isDirectory() || written.contains(entry.getName())) {
                    continue;
                }
                byte[] bytes = file.getInputStream(entry).readAllBytes();
                if (isClass(entry)) {
                    ClassModel model = classFile.parse(bytes);
                    if (model.majorVersion() < OLDEST_KEPT) {
                        bytes = classFile.transformClass(model, ClassTransform
                                .transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                                .andThen((builder, element) -> {
                                    if (element instanceof ClassFileVersion) {
                                        builder.withVersion(WRITTEN, 0);
                                    } else {
                                        builder.with(element);
                                    }
                                }));
                        count++;
                    }
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                target.putNextEntry(copy);
                target.write(bytes);
                target.closeEntry();
                written.add(entry.getName());
            }
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        return count;
    }

    private static boolean isClass(JarEntry entry) {
        return entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/");
    }

    private static int version(JarFile file, JarEntry entry) {
        try (var in = file.getInputStream(entry)) {
            byte[] head = in.readNBytes(8);
            return head.length < 8 ? OLDEST_KEPT : (head[6] & 0xff) << 8 | head[7] & 0xff;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
