package dev.bulwark.enforcer;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.foreign.Linker;
import dev.bulwark.core.testing.Guards;
import org.junit.jupiter.api.Test;

/** The enforcer's layout, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses ENFORCER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bulwark.enforcer");

    @Test
    void theForeignMemoryApiIsUsedInTheLinuxPackageOnly() {
        noClasses().that().resideOutsideOfPackage("dev.bulwark.enforcer.linux..").should().dependOnClassesThat()
                .resideInAPackage("java.lang.foreign..").check(ENFORCER);
    }

    @Test
    void nativeFunctionsAreBoundInLibcOnly() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.bulwark.enforcer.linux.Libc").should()
                .callMethodWhere(target(owner(assignableTo(Linker.class)))).check(ENFORCER);
    }

    @Test
    void theLinuxPackageKnowsNothingOfPolicyProcessesOrContainers() {
        noClasses().that().resideInAPackage("dev.bulwark.enforcer.linux..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.bulwark.enforcer.process..", "dev.bulwark.enforcer.policy..",
                        "dev.bulwark.enforcer.container..", "dev.bulwark.enforcer.file..",
                        "dev.bulwark.enforcer.event..")
                .check(ENFORCER);
    }

    @Test
    void networkEnforcementKnowsNoOtherPartOfTheEnforcer() {
        noClasses().that().resideInAPackage("dev.bulwark.enforcer.network.nft..").should().dependOnClassesThat(
                resideInAPackage("dev.bulwark.enforcer..").and(resideOutsideOfPackage(
                        "dev.bulwark.enforcer.network.nft.."))).check(ENFORCER);
    }

    @Test
    void oneLoggingApiAndOneJsonSetup() {
        Guards.oneLoggingApi().check(ENFORCER);
        Guards.oneJsonSetup().check(ENFORCER);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.bulwark.enforcer.(*)..").should().beFreeOfCycles().check(ENFORCER);
    }
}
