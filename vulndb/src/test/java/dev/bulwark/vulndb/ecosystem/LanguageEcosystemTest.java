package dev.bulwark.vulndb.ecosystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.scan.PackageType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageEcosystemTest {

    @Test
    void everyLanguagePackageTypeHasOneRowAndNoOsTypeHasAny() {
        for (PackageType type : PackageType.values()) {
            assertThat(Arrays.stream(LanguageEcosystem.values()).filter(e -> e.type() == type))
                    .as(type.id()).hasSize(type.isOsPackage() ? 0 : 1);
        }
        assertThat(Arrays.stream(LanguageEcosystem.values()).map(LanguageEcosystem::namespace))
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PyPI, Zope.Interface__x, zope-interface-x", "NuGet, Newtonsoft.Json, newtonsoft.json",
        "Packagist, Monolog/Monolog, monolog/monolog", "Maven, org.Apache:Commons, org.Apache:Commons",
        "npm, @Scope/Name, @Scope/Name"})
    void namesFoldAsTheRegistryComparesThem(String namespace, String name, String folded) {
        assertThat(LanguageEcosystem.byNamespace(namespace).orElseThrow().foldName(name)).isEqualTo(folded);
    }

    @Test
    void namespacesAreOsvEcosystemNames() {
        assertThat(LanguageEcosystem.of(PackageType.CARGO).orElseThrow().namespace()).isEqualTo("crates.io");
        assertThat(LanguageEcosystem.of(PackageType.DEB)).isEmpty();
        assertThat(LanguageEcosystem.byNamespace("Hex")).isEmpty();
    }
}
