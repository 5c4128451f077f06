package dev.bulwark.vulndb.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.SeverityLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Base scores as NVD publishes them for these vectors. */
class CvssTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H, 9.8",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N, 6.1",
        "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H, 10.0",
        "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H, 7.8",
        "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N, 5.9",
        "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L, 1.6",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N, 0.0",
        "CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:N, 4.8",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O, 9.8"})
    void v3(String vector, double score) {
        assertThat(Cvss.v3BaseScore(vector)).contains(score);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "AV:N/AC:L/Au:N/C:P/I:P/A:P, 7.5",
        "AV:N/AC:M/Au:N/C:N/I:P/A:N, 4.3",
        "AV:L/AC:L/Au:N/C:C/I:C/A:C, 7.2",
        "AV:N/AC:L/Au:N/C:N/I:N/A:P, 5.0",
        "AV:N/AC:L/Au:N/C:C/I:C/A:C, 10.0"})
    void v2(String vector, double score) {
        assertThat(Cvss.v2BaseScore(vector)).contains(score);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CVSS:3.1/AV:N", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "garbage",
        "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L", "CVSS:2.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"})
    void malformedVectorsHaveNoScore(String vector) {
        assertThat(Cvss.v3BaseScore(vector)).isEmpty();
        assertThat(Cvss.v2BaseScore(vector)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"9.8, CRITICAL", "7.0, HIGH", "6.9, MEDIUM", "4.0, MEDIUM", "0.1, LOW", "0, UNKNOWN"})
    void v3Levels(double score, SeverityLevel level) {
        assertThat(SeverityLevel.ofScore(score)).isEqualTo(level);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"10.0, HIGH", "7.0, HIGH", "6.9, MEDIUM", "3.9, LOW"})
    void v2Levels(double score, SeverityLevel level) {
        assertThat(Cvss.v2Level(score)).isEqualTo(level);
    }
}
