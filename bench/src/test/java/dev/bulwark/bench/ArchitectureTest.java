package dev.bulwark.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.bulwark.core.testing.Guards;
import org.junit.jupiter.api.Test;

/** What the benchmarks may reach, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses BENCH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bulwark.bench");

    @Test
    void theControllerIsMeasuredFromOutside() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.controller.*..")
                .because("a benchmark starts the controller and talks to it over HTTPS, as its users do")
                .check(BENCH);
    }

    @Test
    void oneJsonSetup() {
        Guards.oneJsonSetup().check(BENCH);
    }
}
