package dev.bulwark.enforcer.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MountsTest {

    private static final String MOUNTINFO = """
            600 500 0:51 / / rw,relatime - overlay overlay rw,lowerdir=/l1:/l2,upperdir=/var/lib/c/o\\040x/diff,workdir=/w
            601 600 0:52 / /proc rw,nosuid - proc proc rw
            602 600 0:53 / /dev rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755
            603 602 0:54 / /dev/pts rw - devpts devpts rw,gid=5
            604 600 254:0 /srv/data /my\\040data rw,relatime shared:1 - ext4 /dev/vda rw
            not a mount line
            605 600 x:y / /broken
            """;

    @Test
    void mountsAreReadWithTheirFileSystemAndEscapedPaths() {
        Mounts mounts = Mounts.parse(MOUNTINFO);
        assertThat(mounts.mounts()).extracting(Mounts.Mount::mountPoint)
                .containsExactly("/", "/proc", "/dev", "/dev/pts", "/my data");
        Mounts.Mount root = mounts.root().orElseThrow();
        assertThat(root.id()).isEqualTo(600);
        assertThat(root.device()).isEqualTo("0:51");
        assertThat(root.upperDirectory()).hasValue(Path.of("/var/lib/c/o x/diff"));
        assertThat(root.layers()).containsExactly(Path.of("/l1"), Path.of("/l2"), Path.of("/var/lib/c/o x/diff"));
        assertThat(mounts.mounts().get(2).layers()).isEmpty();
        assertThat(mounts.mounts()).filteredOn(Mounts.Mount::executable).extracting(Mounts.Mount::type)
                .containsExactly("overlay", "tmpfs", "ext4");
        assertThat(mounts.mounts().get(4).upperDirectory()).isEqualTo(Optional.empty());
    }

    @Test
    void hostileTextGivesNoMountsAndNoError() {
        assertThat(Mounts.parse("").mounts()).isEmpty();
        assertThat(Mounts.parse("- - - - - - - -\n\\\\\\ \n1 2 3 4 5 6 -").mounts()).isEmpty();
        assertThat(Mounts.parse("1 0 0:1 / /x\\12 rw - tmpfs t rw").mounts()).extracting(Mounts.Mount::mountPoint)
                .containsExactly("/x\\12");
        assertThat(Mounts.parse("x".repeat(1_000_000)).mounts()).isEmpty();
    }
}
