package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User names from a workload's own passwd file, and what a hostile one gets. */
class UserNamesTest {

    @TempDir
    Path root;

    private Workload container(String id) {
        return new Workload(id, "web", "nv.web", Optional.of(root));
    }

    @Test
    void namesComeFromTheContainersOwnPasswdFile() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                # a comment
                www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
                broken line
                nouid:x::1:
                toor:x:0:0:second root:/root:/bin/sh
                """);
        UserNames names = new UserNames();
        Workload web = container("c1");
        assertThat(names.of(web, 33)).isEqualTo("www-data");
        assertThat(names.of(web, 0)).as("the first name of a uid").isEqualTo("root");
        assertThat(names.of(web, 1000)).as("not in the file").isEqualTo("1000");
        assertThat(names.of(web, -1)).as("not known").isEmpty();

        Files.writeString(root.resolve("etc/passwd"), "app:x:1000:1000::/app:/bin/sh\n");
        assertThat(names.of(web, 1000)).as("a miss is kept, not read again at every exec").isEqualTo("1000");
        assertThat(names.of(container("c2"), 1000)).as("a user added, seen by a workload read since")
                .isEqualTo("app");
    }

    @Test
    void aPasswdThatIsALinkIsNotFollowedOutOfTheContainer() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/etc/passwd"));
        UserNames names = new UserNames();
        assertThat(names.of(container("c1"), 0)).isEqualTo("root");
        assertThat(names.of(container("c1"), 1)).as("the host's daemon user is not read").isEqualTo("1");
    }

    @Test
    void noPasswdOrAHugeOneIsNoFailure() throws Exception {
        UserNames names = new UserNames();
        assertThat(names.of(container("empty"), 0)).isEqualTo("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "x".repeat(3 * UserNames.MAX_FILE) + "\nlate:x:7:7::/:/\n");
        assertThat(names.of(container("big"), 7)).as("beyond the first MiB").isEqualTo("7");
        assertThat(UserNames.parse("a:x:99999999999:1\n:x:5:5\nb:x: 6 :6\n")).containsExactly(
                java.util.Map.entry(6, "b"));
    }
}
