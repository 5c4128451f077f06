package dev.bulwark.controller.admission.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How criteria read values: Kubernetes quantities, image names and NeuVector's wildcards. */
class ValuesTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"500m, 0.5", "2, 2", "0.25, 0.25", "1Ki, 1024", "1Mi, 1048576", "1.5Gi, 1610612736", "1k, 1000",
            "1M, 1000000", "2G, 2000000000", "1E, 1000000000000000000", "1e3, 1000", "12E-1, 1.2", "100u, 0.0001",
            "-1, -1", ".5, 0.5"})
    void readsQuantities(String quantity, String value) {
        assertThat(Quantities.parse(quantity)).get().usingComparator(BigDecimal::compareTo)
                .isEqualTo(new BigDecimal(value));
    }

    @ParameterizedTest
    @CsvSource({"lots", "1Xi", "1..2", "''", "1 Gi"})
    void refusesWhatIsNoQuantity(String text) {
        assertThat(Quantities.parse(text)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "nginx, docker.io/library/nginx:latest",
            "nginx:1.25, docker.io/library/nginx:1.25",
            "bitnami/redis:7, docker.io/bitnami/redis:7",
            "docker.io/nginx, docker.io/library/nginx:latest",
            "index.docker.io/nvlab/iperf, docker.io/nvlab/iperf:latest",
            "https://registry.example.com:5000/team/app:v2, registry.example.com:5000/team/app:v2",
            "localhost/app, localhost/app:latest",
            "quay.io/prom/node@sha256:abc, quay.io/prom/node@sha256:abc",
            "ghcr.io/o/app:1.0@sha256:def, ghcr.io/o/app@sha256:def"})
    void normalisesImageNames(String image, String reference) {
        assertThat(ImageRef.parse(image).reference()).isEqualTo(reference);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "nginx, nginx:1.25, true", "library/nginx, nginx, true", "nginx:1.2?, nginx:1.25, true",
            "nginx:1.2?, nginx:1.3, false", "docker.io/nginx, nginx:1.25, true",
            "quay.io/*, quay.io/prom/node:1, true", "quay.io/*, docker.io/prom/node, false",
            "prom/*, quay.io/prom/node:1, true", "*/node, quay.io/prom/node:1, true",
            "quay.io/prom/node@sha256:abc, quay.io/prom/node@sha256:abc, true", "a.b, axb, false"})
    void matchesImagesAsNeuVectorDoes(String pattern, String image, boolean matches) {
        assertThat(ImagePattern.of(pattern).matches(ImageRef.parse(image))).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({"kube-*, kube-system, true", "kube-*, kubesystem, false", "a?c, abc, true", "a.c, abc, false",
            "(x), (x), true", "'', '', true"})
    void globsAreLiteralButForStarAndQuestionMark(String glob, String text, boolean matches) {
        assertThat(Glob.of(glob).matches(text)).isEqualTo(matches);
    }
}
