package dev.bulwark.scanner.index.lang.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.testing.MavenCentral;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.index.FileStream;
import dev.bulwark.scanner.index.Inventory;
import dev.bulwark.scanner.source.RootDirectory;
import dev.bulwark.scanner.testing.AdvisoryDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real jars and wars from Maven Central, and hostile archives made here. */
class JarAnalyzerTest {

    private static final String LOG4SHELL = "GHSA-jfh8-c2jp-5v3q";
    private static final String GUAVA_TEMP_DIR = "GHSA-7g45-4rm6-3mm3";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static AdvisoryDatabase ghsa;

    @BeforeAll
    static void database() {
        ghsa = AdvisoryDatabase.osv(shared, "ghsa-sample");
    }

    @AfterAll
    static void close() {
        if (ghsa != null) {
            ghsa.close();
        }
    }

    private ImageInventory scanDir() {
        return Analyzers.scanner().scan(new RootDirectory("dir:" + dir, dir), ScanProgress.NONE);
    }

    private void place(Path artifact, String as) throws IOException {
        Path target = dir.resolve(as);
        Files.createDirectories(target.getParent());
        Files.copy(artifact, target);
    }

    @Test
    void log4jCore2141IsLog4ShellAnd2171IsNot() throws IOException {
        place(MavenCentral.jar("org.apache.logging.log4j", "log4j-core", "2.14.1"), "app/lib/log4j-core-2.14.1.jar");
        place(MavenCentral.jar("org.apache.logging.log4j", "log4j-core", "2.17.1"), "other/log4j-core.jar");
        ImageInventory inventory = scanDir();

        assertThat(inventory.packages()).extracting(InstalledPackage::name, InstalledPackage::version,
                InstalledPackage::purl, InstalledPackage::location).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("org.apache.logging.log4j:log4j-core", "2.14.1",
                                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "app/lib/log4j-core-2.14.1.jar"),
                        org.assertj.core.groups.Tuple.tuple("org.apache.logging.log4j:log4j-core", "2.17.1",
                                "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1", "other/log4j-core.jar"));
        assertThat(ghsa.findings(inventory))
                .contains("org.apache.logging.log4j:log4j-core@2.14.1 " + LOG4SHELL)
                .doesNotContain("org.apache.logging.log4j:log4j-core@2.17.1 " + LOG4SHELL);
        assertThat(ghsa.match(inventory)).filteredOn(v -> v.id().equals(LOG4SHELL)).singleElement()
                .satisfies(v -> assertThat(v.path()).isEqualTo("app/lib/log4j-core-2.14.1.jar"));
    }

    @Test
    void shadedJarReportsWhatItBundles() throws IOException {
        Path jar = MavenCentral.jar("org.apache.hadoop.thirdparty", "hadoop-shaded-guava", "1.1.1");
        place(jar, "opt/hadoop-shaded-guava-1.1.1.jar");
        ImageInventory inventory = scanDir();

        assertThat(inventory.packages()).extracting(p -> p.name() + "@" + p.version())
                .containsExactlyInAnyOrderElementsOf(pomPropertiesOf(jar));
        assertThat(ghsa.findings(inventory)).contains("com.google.guava:guava@30.1.1-jre " + GUAVA_TEMP_DIR);
    }

    @Test
    void warReportsItselfAndEveryJarInWebInfLib() throws IOException {
        Path war = MavenCentral.artifact("org.eclipse.jetty", "test-jetty-webapp", "9.4.53.v20231009", "war");
        place(war, "srv/test.war");
        ImageInventory inventory = scanDir();

        List<String> expected = new ArrayList<>(pomPropertiesOf(war).stream().toList());
        List<String> libs = new ArrayList<>();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith("WEB-INF/lib/") && entry.getName().endsWith(".jar")) {
                    libs.add(entry.getName());
                    Path nested = dir.resolve("nested.jar");
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, nested, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    expected.addAll(pomPropertiesOf(nested));
                    Files.delete(nested);
                }
            }
        }
        assertThat(libs).hasSizeGreaterThan(5);
        assertThat(inventory.packages()).extracting(p -> p.name() + "@" + p.version())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(inventory.packages()).extracting(InstalledPackage::location)
                .contains("srv/test.war")
                .containsAll(libs.stream().map(l -> "srv/test.war!/" + l).toList());
    }

    /** {@code group:artifact@version} of every pom.properties, read with the JDK's zip reader. */
    private static List<String> pomPropertiesOf(Path archive) throws IOException {
        List<String> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                    java.util.Properties p = new java.util.Properties();
                    try (InputStream in = zip.getInputStream(entry)) {
                        p.load(in);
                    }
                    out.add(p.getProperty("groupId") + ":" + p.getProperty("artifactId") + "@"
                            + p.getProperty("version"));
                }
            }
        }
        return out;
    }

    @Test
    void manifestThenFileNameWithoutInventingAGroup() throws IOException {
        Manifest withVendorId = manifest("Implementation-Version", "3.2.1", "Implementation-Vendor-Id",
                "org.example");
        Manifest vendorName = manifest("Implementation-Version", "1.0", "Implementation-Vendor-Id",
                "The Example Company");
        Manifest bundle = manifest("Bundle-SymbolicName", "org.example.widgets;singleton:=true",
                "Bundle-Version", "4.5.6");

        assertThat(identify("lib/widgets-3.jar", jar(withVendorId))).containsExactly("org.example:widgets@3.2.1");
        assertThat(identify("lib/thing-1.0.jar", jar(vendorName))).containsExactly("thing@1.0");
        assertThat(identify("lib/w.jar", jar(bundle))).containsExactly("org.example.widgets@4.5.6");
        assertThat(identify("lib/commons-io-2.11.0.jar", jar(null))).containsExactly("commons-io@2.11.0");
        assertThat(identify("lib/plain.jar", jar(null))).isEmpty();
    }

    @Test
    void nestingIsReadToFourLevelsThenWarned() throws IOException {
        byte[] inner = jar(manifest("Implementation-Version", "1", "Implementation-Title", "level5"));
        for (int level = 4; level >= 1; level--) {
            inner = zip("lib/level" + (level + 1) + "-1.jar", inner);
        }
        Inventory found = new JarAnalyzer().analyze(stream("app-1.0.ear", inner));
        assertThat(found.packages()).extracting(InstalledPackage::location).containsExactly(
                "app-1.0.ear!/lib/level2-1.jar!/lib/level3-1.jar!/lib/level4-1.jar", "app-1.0.ear!/lib/level2-1.jar!/lib/level3-1.jar",
                "app-1.0.ear!/lib/level2-1.jar", "app-1.0.ear");
        assertThat(found.warnings()).singleElement().satisfies(w -> assertThat(w.reason()).contains("nested"));
    }

    @Test
    void zipBombStopsAtTheBudgetWithAWarning() throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("META-INF/maven/a/b/pom.properties"));
            zip.write("groupId=a\nartifactId=b\nversion=1\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < (JarAnalyzer.MAX_INFLATED_BYTES >> 20) + 10; i++) {
                zip.write(zeros);
            }
        }
        assertThat(bomb.size()).isLessThan(4 << 20);
        Inventory found = new JarAnalyzer().analyze(stream("bomb.jar", bomb.toByteArray()));
        assertThat(found.packages()).extracting(InstalledPackage::name).containsExactly("a:b");
        assertThat(found.warnings()).singleElement().satisfies(w -> assertThat(w.reason()).contains("zip bomb"));
    }

    @Test
    void brokenCentralDirectoryAndGarbageAreSurvived() throws IOException {
        Path real = MavenCentral.jar("org.apache.logging.log4j", "log4j-api", "2.17.1");
        byte[] bytes = Files.readAllBytes(real);
        byte[] noCentralDirectory = java.util.Arrays.copyOf(bytes, bytes.length - 2000);
        Inventory cut = new JarAnalyzer().analyze(stream("log4j-api.jar", noCentralDirectory));
        assertThat(cut.packages()).extracting(InstalledPackage::name)
                .containsExactly("org.apache.logging.log4j:log4j-api");

        byte[] garbage = new byte[100_000];
        new Random(7).nextBytes(garbage);
        Inventory junk = new JarAnalyzer().analyze(stream("junk-1.0.jar", garbage));
        assertThat(junk.packages()).extracting(InstalledPackage::name).containsExactly("junk");

        byte[] hugeManifest = zip("META-INF/MANIFEST.MF", new byte[3 << 20]);
        Inventory big = new JarAnalyzer().analyze(stream("big.jar", hugeManifest));
        assertThat(big.packages()).isEmpty();
        assertThat(big.warnings()).singleElement().satisfies(w -> assertThat(w.reason()).contains("larger than"));
    }

    private static List<String> identify(String path, byte[] jar) {
        return new JarAnalyzer().analyze(stream(path, jar)).packages().stream()
                .map(p -> p.name() + "@" + p.version()).toList();
    }

    private static FileStream stream(String path, byte[] body) {
        return new FileStream(path, "", 0644, body.length, new ByteArrayInputStream(body));
    }

    private static Manifest manifest(String... pairs) {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < pairs.length; i += 2) {
            m.getMainAttributes().putValue(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static byte[] jar(Manifest manifest) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream jar = manifest == null ? new JarOutputStream(out) : new JarOutputStream(out, manifest)) {
            ((ZipOutputStream) jar).putNextEntry(new ZipEntry("a/A.class"));
            jar.write(new byte[] {(byte) 0xca, (byte) 0xfe});
        }
        return out.toByteArray();
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
        }
        return out.toByteArray();
    }
}
