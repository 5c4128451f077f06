package dev.bulwark.scanner.index.lang.python;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.scan.ImageInventory;
import dev.bulwark.core.scan.InstalledPackage;
import dev.bulwark.core.scan.PackageType;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.ScanProgress;
import dev.bulwark.scanner.index.lang.PackageFileAnalyzer;
import dev.bulwark.scanner.source.RootDirectory;
import dev.bulwark.scanner.testing.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonAnalyzersTest {

    private static final Path DIST_PACKAGES = Path.of("/usr/lib/python3/dist-packages");

    /** Debian's python3-* packages on this machine, against what Python's own importlib.metadata lists. */
    @Test
    void debianDistPackagesMatchImportlibMetadata() throws IOException {
        assumeTrue(Files.isDirectory(DIST_PACKAGES) && Command.executable("python3").isPresent(),
                "no python3 with Debian's dist-packages here: test skipped");
        String script = "import importlib.metadata as m\n"
                + "for d in m.distributions(path=['" + DIST_PACKAGES + "']):\n"
                + "    print(d.metadata['Name'] + '@' + d.version)\n";
        Set<String> expected = new TreeSet<>(Command.of("python3", "-c", script).run(Path.of(".")).stdout().lines()
                .filter(l -> !l.isBlank()).toList());

        ImageInventory inventory = Analyzers.scanner().scan(new RootDirectory("dir:" + DIST_PACKAGES, DIST_PACKAGES),
                ScanProgress.NONE);
        Set<String> found = inventory.packages().stream().filter(p -> p.type() == PackageType.PYPI)
                .map(p -> p.name() + "@" + p.version()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(expected).hasSizeGreaterThan(3);
        assertThat(found).isEqualTo(expected);
    }

    private static List<String> parse(PackageFileAnalyzer parser, String text) throws IOException {
        return parser.parse("app/f", text.getBytes(UTF_8)).stream().map(p -> p.name() + "@" + p.version()).toList();
    }

    @Test
    void metadataHeadersOnlyWithLicenses() throws IOException {
        String metadata = """
                Metadata-Version: 2.1
                Name: PyYAML
                Version: 6.0
                License: MIT
                Classifier: License :: OSI Approved :: MIT License

                Version: 9.9 in the description is not a header
                """;
        InstalledPackage p = new DistributionMetadataParser().parse("x/PyYAML-6.0.dist-info/METADATA",
                metadata.getBytes(UTF_8)).getFirst();
        assertThat(p.name() + "@" + p.version()).isEqualTo("PyYAML@6.0");
        assertThat(p.purl()).isEqualTo("pkg:pypi/pyyaml@6.0");
        assertThat(p.licenses()).containsExactly("MIT");
        String classifiersOnly = "Name: a\nVersion: 1\nLicense: UNKNOWN\nClassifier: License :: OSI Approved :: "
                + "Apache Software License\n";
        assertThat(new DistributionMetadataParser().parse("a.egg-info", classifiersOnly.getBytes(UTF_8)).getFirst()
                .licenses()).containsExactly("Apache Software License");
        assertThatThrownBy(() -> new DistributionMetadataParser().parse("b.egg-info", "Summary: x\n".getBytes(UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void lockFilesAndPinnedRequirements() throws IOException {
        String poetry = """
                [[package]]
                name = "requests"
                version = "2.25.1"
                description = "HTTP"
                optional = false

                [[package]]
                name = "pytest"
                version = "6.0.0"
                category = "dev"

                [metadata]
                lock-version = "1.1"
                """;
        String pipfile = """
                {"_meta": {}, "default": {"django": {"version": "==3.2.4"}, "git-thing": {"git": "https://x"}},
                 "develop": {"pytest": {"version": "==6.0.0"}}}
                """;
        String requirements = """
                # pinned
                Django==3.2.4 ; python_version >= "3.8"
                requests[socks] === 2.25.1  # comment
                flask>=2.0
                -r other.txt
                -e git+https://example.invalid/x.git#egg=x
                urllib3==1.26.4 \\
                    --hash=sha256:2f4da4594db7e1e110a944bb1b551fdf4e6c136ad42e4234131391e21eb5b0df
                """;
        assertThat(parse(new PoetryLockParser(), poetry)).containsExactly("requests@2.25.1");
        assertThat(parse(new PipfileLockParser(), pipfile)).containsExactly("django@3.2.4");
        assertThat(parse(new RequirementsParser(), requirements))
                .containsExactly("Django@3.2.4", "requests@2.25.1", "urllib3@1.26.4");
        assertThatThrownBy(() -> parse(new PoetryLockParser(), "[[package]\nname = ")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse(new PipfileLockParser(), "{\"default\": [")).isInstanceOf(IOException.class);
    }

    /** The distribution's own python3-yaml is reported as the deb package, not again as PyPI's PyYAML. */
    @Test
    void distributionOwnedByADebPackageIsReportedOnce(@TempDir Path root) throws IOException {
        Path dist = root.resolve("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info");
        Files.createDirectories(dist);
        Files.writeString(dist.resolve("METADATA"), "Name: PyYAML\nVersion: 6.0\n");
        Path own = root.resolve("usr/local/lib/python3.11/site-packages/requests-2.25.1.dist-info");
        Files.createDirectories(own);
        Files.writeString(own.resolve("METADATA"), "Name: requests\nVersion: 2.25.1\n");
        Path dpkg = root.resolve("var/lib/dpkg");
        Files.createDirectories(dpkg.resolve("info"));
        Files.writeString(dpkg.resolve("status"), """
                Package: python3-yaml
                Status: install ok installed
                Architecture: amd64
                Source: pyyaml
                Version: 6.0-3+b2

                """);
        Files.writeString(dpkg.resolve("info/python3-yaml.list"),
                "/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info\n"
                        + "/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA\n");
        ImageInventory inventory = Analyzers.scanner().scan(new RootDirectory("dir:" + root, root), ScanProgress.NONE);
        assertThat(inventory.packages()).extracting(p -> p.type() + " " + p.name())
                .containsExactlyInAnyOrder("DEB python3-yaml", "PYPI requests");
    }
}
