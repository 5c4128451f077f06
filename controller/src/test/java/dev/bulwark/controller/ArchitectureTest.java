package dev.bulwark.controller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The controller's layers, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses CONTROLLER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bulwark.controller");

    @Test
    void theStoreKnowsNothingOfTheApiOrTheDomain() {
        noClasses().that().resideInAPackage("dev.bulwark.controller.store..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.bulwark.controller.api..", "dev.bulwark.controller.auth..",
                        "dev.bulwark.controller.policy..", "dev.bulwark.controller.backup..",
                        "dev.bulwark.controller.admission..", "dev.bulwark.controller.audit..")
                .check(CONTROLLER);
    }

    @Test
    void theApiFrameworkKnowsNoPolicyBackupOrAdmission() {
        noClasses().that().resideInAPackage("dev.bulwark.controller.api..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.bulwark.controller.policy..", "dev.bulwark.controller.backup..",
                        "dev.bulwark.controller.admission..")
                .check(CONTROLLER);
    }

    @Test
    void nothingUsesTheForeignMemoryApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("java.lang.foreign..").check(CONTROLLER);
    }
}
