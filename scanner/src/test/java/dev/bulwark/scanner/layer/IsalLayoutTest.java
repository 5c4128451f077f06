package dev.bulwark.scanner.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The struct offsets the ISA-L stream writes to are the C header's, as the C compiler lays them out. */
class IsalLayoutTest {

    private static final Path HEADER = Path.of("/usr/include/isa-l/igzip_lib.h");

    @Test
    void offsetsMatchTheHeader(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(HEADER), HEADER + " is missing (apt-get install libisal-dev): layout test skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is missing: layout test skipped");
        Map<String, Long> ours = new LinkedHashMap<>();
        ours.put("next_out", IsalGzipInputStream.NEXT_OUT);
        ours.put("avail_out", IsalGzipInputStream.AVAIL_OUT);
        ours.put("next_in", IsalGzipInputStream.NEXT_IN);
        ours.put("read_in", IsalGzipInputStream.READ_IN);
        ours.put("avail_in", IsalGzipInputStream.AVAIL_IN);
        ours.put("read_in_length", IsalGzipInputStream.READ_IN_LENGTH);
        ours.put("block_state", IsalGzipInputStream.BLOCK_STATE);
        ours.put("crc_flag", IsalGzipInputStream.CRC_FLAG);
        StringBuilder c = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <isa-l/igzip_lib.h>\n"
                + "int main(void) {\n  printf(\"size %zu\\n\", sizeof(struct inflate_state));\n");
        ours.keySet().forEach(f -> c.append("  printf(\"%s %%zu\\n\", offsetof(struct inflate_state, %s));\n"
                .formatted(f, f)));
        c.append("  printf(\"finish %d gzip %d\\n\", ISAL_BLOCK_FINISH, ISAL_GZIP);\n  return 0;\n}\n");
        Files.writeString(dir.resolve("layout.c"), c);
        Process cc = new ProcessBuilder("gcc", "-o", "layout", "layout.c").directory(dir.toFile())
                .redirectErrorStream(true).start();
        assertThat(cc.waitFor()).as(new String(cc.getInputStream().readAllBytes())).isZero();
        Process run = new ProcessBuilder(dir.resolve("layout").toString()).start();
        String printed = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor()).isZero();

        StringBuilder expected = new StringBuilder("size " + IsalGzipInputStream.STATE_SIZE + "\n");
        ours.forEach((f, offset) -> expected.append(f).append(' ').append(offset).append('\n'));
        expected.append("finish 5 gzip 1\n");
        assertThat(printed).isEqualTo(expected.toString());
    }
}
