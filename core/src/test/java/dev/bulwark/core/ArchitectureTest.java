package dev.bulwark.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** core is what every module shares: it knows none of them. Checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bulwark.core");

    @Test
    void coreImportsNoFeatureModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.vulndb..",
                "dev.bulwark.scanner..", "dev.bulwark.controller..", "dev.bulwark.enforcer..", "dev.bulwark.cli..")
                .check(CORE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.bulwark.core.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
