package dev.bulwark.scanner.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which paths the secret search leaves out. */
class AllowlistTest {

    @ParameterizedTest
    @ValueSource(strings = {"usr/share/perl/5.36/Net/FTP.pm", "usr/share/perl5/Debconf/Config.pm",
            "usr/lib/x86_64-linux-gnu/perl/5.36/Config.pm", "usr/lib/x86_64-linux-gnu/perl-base/strict.pm",
            "usr/lib/aarch64-linux-gnu/perl5/5.36/Term/ReadLine.pm", "usr/lib/python3.11/http/client.py",
            "usr/local/lib/python3.12/smtplib.py", "usr/lib/jvm/java-17-openjdk-amd64/conf/security/java.security",
            "opt/java/openjdk/conf/net.properties", "usr/lib/go-1.19/src/net/http/server.go",
            "usr/local/go/src/crypto/tls/common.go", "usr/share/doc/curl/README", "usr/include/openssl/ssl.h"})
    void runtimeLibrariesAndDocumentationAreLeftOut(String path) {
        assertThat(Allowlist.skipsPath(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"etc/perl/secrets.conf", "usr/lib/python3.11/site-packages/app/settings.py",
            "usr/lib/python3/dist-packages/app/config.py", "usr/local/lib/python3.12/site-packages/app/.env",
            "usr/lib/jvm.conf", "opt/app/application.yml", "usr/share/perlscript.pl", "root/.aws/credentials",
            "usr/lib/golang-app/config.json", "app/usr/lib/jvm/x.properties"})
    void configurationAndApplicationsAreSearched(String path) {
        assertThat(Allowlist.skipsPath(path)).isFalse();
    }
}
