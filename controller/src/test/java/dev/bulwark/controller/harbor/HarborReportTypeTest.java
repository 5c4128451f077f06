package dev.bulwark.controller.harbor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which report type an {@code Accept} header asks for. */
class HarborReportTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0 | NATIVE",
            "application/vnd.security.vulnerability.report; version=1.1            | GENERIC",
            "APPLICATION/vnd.security.vulnerability.report;Version=\"1.1\"         | GENERIC",
            "application/vnd.scanner.adapter.vuln.report.harbor+json                | NATIVE",
            "application/json, application/vnd.security.vulnerability.report; version=1.1 | GENERIC",
            "application/vnd.security.vulnerability.report; version=1.1; q=0, */*;q=0.1 | NATIVE",
            "*/*                                                                    | NATIVE",
            "application/*                                                          | NATIVE",
            "null                                                                   | NATIVE",
            "''                                                                     | NATIVE",
            "application/vnd.security.vulnerability.report; version=1.0            | null",
            "application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.1 | null",
            "application/vnd.scanner.adapter.vuln.report.raw                        | null",
            "application/vnd.security.sbom.report+json; version=1.0                | null",
            "application/json                                                       | null",
            "text/html;q=0.9, image/*                                               | null"})
    void theFirstTypeProducedWins(String accept, String type) {
        assertThat(HarborReportType.accepted(accept).map(Enum::name).orElse(null)).isEqualTo(type);
    }
}
