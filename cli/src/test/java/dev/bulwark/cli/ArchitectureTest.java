package dev.bulwark.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.bulwark.core.testing.Guards;
import org.junit.jupiter.api.Test;

/** The command line's layers, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bulwark.cli");

    @Test
    void onlyTheServerCommandsReachIntoTheServers() {
        noClasses().that().doNotHaveSimpleName("ControllerCommand").and().doNotHaveSimpleName("AllInOneCommand")
                .and().doNotHaveSimpleName("ConsoleServer")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.controller..")
                .because("the client commands speak the controller's REST API, as any client does")
                .check(CLI);
        noClasses().that().doNotHaveSimpleName("ManagerCommand").and().doNotHaveSimpleName("ConsoleServer")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.manager..")
                .check(CLI);
        noClasses().that().doNotHaveSimpleName("EnforcerCommand").and().doNotHaveSimpleName("AllInOneCommand")
                .should().dependOnClassesThat().resideInAPackage("dev.bulwark.enforcer..")
                .check(CLI);
    }

    @Test
    void oneJsonSetupOneLoggingApiAndNoNativeCode() {
        Guards.oneJsonSetup().check(CLI);
        Guards.oneLoggingApi().check(CLI);
        noClasses().should().dependOnClassesThat().resideInAPackage("java.lang.foreign..").check(CLI);
    }
}
