package dev.bulwark.scanner.testing;

/**
 * Small feeds for the packages of the alpine 3.11 fixture, for tests that need a real database with known findings:
 * Alpine's secdb (musl and busybox fixed above the fixture's versions, openssl at it, one never fixed) and NVD's
 * records of the two vulnerabilities found, CVE-2020-28928 (medium) and CVE-2021-28831 (high).
 */
public final class AlpineFixtureFeeds {

    /** Alpine's secdb JSON for the packages of the alpine:3.11 image: two fixes above it, one at it, one never. */
    public static final String SECDB = """
            {"distroversion": "v3.11", "reponame": "main", "urlprefix": "https://dl-cdn.alpinelinux.org/alpine",
             "packages": [
               {"pkg": {"name": "musl", "secfixes": {"1.1.24-r3": ["CVE-2020-28928"], "0": ["CVE-2019-0001"]}}},
               {"pkg": {"name": "openssl", "secfixes": {"1.1.1d-r3": ["CVE-2019-1551"]}}},
               {"pkg": {"name": "busybox", "secfixes": {"1.31.1-r10": ["CVE-2021-28831"]}}}
             ]}""";

    /** NVD CVE API 2.0 records of the two vulnerabilities found. */
    public static final String NVD = """
            {"vulnerabilities": [
              {"cve": {"id": "CVE-2020-28928", "published": "2020-11-24T18:15:12.303",
                "descriptions": [{"lang": "en", "value": "In musl libc through 1.2.1, wcsnrtombs mishandles ..."}],
                "metrics": {"cvssMetricV31": [{"source": "nvd@nist.gov", "cvssData": {"version": "3.1",
                  "vectorString": "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", "baseScore": 5.5}}]}}},
              {"cve": {"id": "CVE-2021-28831", "published": "2021-03-19T05:15:13.663",
                "descriptions": [{"lang": "en", "value": "decompress_gunzip.c in BusyBox through 1.32.1 ..."}],
                "metrics": {"cvssMetricV31": [{"source": "nvd@nist.gov", "cvssData": {"version": "3.1",
                  "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", "baseScore": 7.5}}]}}}
            ]}""";

    private AlpineFixtureFeeds() {}
}
