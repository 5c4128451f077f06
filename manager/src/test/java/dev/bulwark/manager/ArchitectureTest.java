package dev.bulwark.manager;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.bulwark.core.testing.Guards;
import org.junit.jupiter.api.Test;

/** The manager's layers, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses MANAGER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bulwark.manager");

    @Test
    void theManagerUsesOnlyTheControllersServerPartsNotItsDomain() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.controller.auth..",
                "dev.bulwark.controller.policy..", "dev.bulwark.controller.store..", "dev.bulwark.controller.runtime..",
                "dev.bulwark.controller.backup..", "dev.bulwark.controller.scan..")
                .because("the manager talks to the controller over its REST API only, as any client does")
                .check(MANAGER);
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("dev.bulwark.controller.Controller")
                .check(MANAGER);
    }

    @Test
    void theConsoleFilesKnowNothingOfTheProxy() {
        noClasses().that().resideInAPackage("dev.bulwark.manager.console..").should().dependOnClassesThat()
                .resideInAPackage("dev.bulwark.manager.proxy..").check(MANAGER);
        noClasses().that().resideInAPackage("dev.bulwark.manager.proxy..").should().dependOnClassesThat()
                .resideInAPackage("dev.bulwark.manager.console..").check(MANAGER);
    }

    @Test
    void oneJsonSetupOneLoggingApiAndNoNativeCode() {
        Guards.oneJsonSetup().check(MANAGER);
        Guards.oneLoggingApi().check(MANAGER);
        noClasses().should().dependOnClassesThat().resideInAPackage("java.lang.foreign..").check(MANAGER);
    }
}
