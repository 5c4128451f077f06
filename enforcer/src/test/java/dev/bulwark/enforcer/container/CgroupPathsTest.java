package dev.bulwark.enforcer.container;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CgroupPathsTest {

    private static final String DOCKER_ID = "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f";

    @TempDir
    Path dir;

    Path runcRoot;
    CgroupPaths cgroups;

    @BeforeEach
    void runcKeepsStateForProbe1AndTest1() throws IOException {
        runcRoot = dir.resolve("runc");
        for (String id : List.of("probe1", "test1")) {
            Files.writeString(Files.createDirectories(runcRoot.resolve(id)).resolve("state.json"), "{}");
        }
        cgroups = new CgroupPaths(runcRoot);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsTheContainerOfEveryRuntimesPathForm(String name, String text, Optional<ContainerRef> expected) {
        assertThat(cgroups.container(text)).isEqualTo(expected);
    }

    @Test
    void runcPathIsAContainerOnlyWhileRuncHasStateForIt() throws IOException {
        String text = "0::/test1\n";
        assertThat(cgroups.container(text)).contains(new ContainerRef("test1", ContainerRuntime.RUNC));

        Files.delete(runcRoot.resolve("test1/state.json"));

        assertThat(cgroups.container(text)).isEmpty();
    }

    @Test
    void runcIdCannotReachOutsideTheStateDirectory() throws IOException {
        Files.writeString(runcRoot.resolve("state.json"), "{}");
        Files.writeString(dir.resolve("state.json"), "{}");

        assertThat(cgroups.container("0::/.\n")).isEmpty();
        assertThat(cgroups.container("0::/..\n")).isEmpty();
        assertThat(cgroups.container("0::/test1/..\n")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "\n",
        "garbage",
        "0::docker/" + DOCKER_ID + "\n",
        "x::/docker/" + DOCKER_ID + "\n",
        "0:memory:/docker/" + DOCKER_ID + "\n",
        "4::/docker/" + DOCKER_ID + "\n",
        "4:memory\n",
        "99999999999:memory:/docker/" + DOCKER_ID + "\n",
        "0::/docker/" + DOCKER_ID + "\n\n",
        "\n0::/docker/" + DOCKER_ID + "\n",
        "0::/docker/" + DOCKER_ID + "\0\n",
        "0::/test1\0\n",
        "0::/docker/" + DOCKER_ID + "\r\n",
        "0::/docker/3F2A9C1D8E7B6A5F4E3D2C1B0A9F8E7D6C5B4A3F2E1D0C9B8A7F6E5D4C3B2A1F\n",
        "0::/docker/" + DOCKER_ID + "0\n",
        "0::/docker/\u0663f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f\n",
    })
    void malformedTextNamesNoContainer(String text) {
        assertThat(cgroups.container(text)).isEmpty();
    }

    @Test
    void aCgroupNameHoldingANewlineCannotForgeALine() {
        // a process in cgroup "/x\n0::/docker/<id>" of the memory hierarchy, on a host whose unified line is "/"
        String forged = "4:memory:/x\n0::/docker/" + DOCKER_ID + "\n0::/\n";

        assertThat(cgroups.container(forged)).isEmpty();
    }

    @Test
    void textLongerThanTheLimitIsRefusedWhateverItSays() {
        String longPath = "0::/" + "a/".repeat(CgroupPaths.MAX_CHARS / 2) + "docker/" + DOCKER_ID + "\n";
        String justUnder = "0::/" + "a".repeat(CgroupPaths.MAX_CHARS - 100) + "/docker/" + DOCKER_ID + "\n";

        assertThat(cgroups.container(longPath)).isEmpty();
        assertThat(cgroups.container(justUnder)).contains(new ContainerRef(DOCKER_ID, ContainerRuntime.DOCKER));
    }

    @Test
    void aMissingFinalNewlineIsAccepted() {
        assertThat(cgroups.container("0::/docker/" + DOCKER_ID))
                .contains(new ContainerRef(DOCKER_ID, ContainerRuntime.DOCKER));
    }

    static Stream<Arguments> cases() throws IOException {
        String table;
        try (InputStream in = CgroupPathsTest.class.getResourceAsStream("cgroup-cases.txt")) {
            table = new String(in.readAllBytes(), UTF_8);
        }
        List<Arguments> cases = new ArrayList<>();
        String[] header = null;
        StringBuilder text = new StringBuilder();
        for (String line : (table + "== end\n").split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("== ")) {
                if (header != null) {
                    Optional<ContainerRef> expected = header[2].equals("-")
                            ? Optional.empty()
                            : Optional.of(new ContainerRef(header[3], ContainerRuntime.valueOf(header[2])));
                    cases.add(Arguments.of(header[1], text.toString(), expected));
                }
                header = line.split(" ");
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }
        return cases.stream();
    }
}
