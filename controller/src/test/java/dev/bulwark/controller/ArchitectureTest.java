package dev.bulwark.controller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.bulwark.core.testing.Guards;
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
                        "dev.bulwark.controller.admission..", "dev.bulwark.controller.audit..",
                        "dev.bulwark.controller.registry..")
                .check(CONTROLLER);
    }

    @Test
    void theApiFrameworkKnowsNoPolicyBackupOrAdmission() {
        noClasses().that().resideInAPackage("dev.bulwark.controller.api..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.bulwark.controller.policy..", "dev.bulwark.controller.backup..",
                        "dev.bulwark.controller.admission..", "dev.bulwark.controller.registry..")
                .check(CONTROLLER);
    }

    /** A handler, {@code *Api}: parses, authorises, calls the domain and renders. */
    private static boolean handler(JavaClass c) {
        return c.getSimpleName().endsWith("Api") && !c.isNestedClass();
    }

    @Test
    void handlersDoNotTouchTheStore() {
        noClasses().that().haveSimpleNameEndingWith("Api").should().dependOnClassesThat()
                .resideInAPackage("dev.bulwark.controller.store..")
                .because("handlers change records through the domain (Records, Policy, Accounts, Backups), which"
                        + " does the compare-and-swap")
                .check(CONTROLLER);
    }

    @Test
    void noHandlerUsesAnother() {
        classes().that().haveSimpleNameEndingWith("Api").should(new ArchCondition<JavaClass>("use no other handler") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                JavaClass outer = origin.getEnclosingClass().orElse(origin);
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    JavaClass targetOuter = target.getEnclosingClass().orElse(target);
                    if (handler(targetOuter) && !targetOuter.equals(outer)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        }).because("what two handlers share belongs to the domain").check(CONTROLLER);
    }

    @Test
    void theDomainLayerKnowsNoHttpAndNoArea() {
        noClasses().that().resideInAPackage("dev.bulwark.controller.domain..").should().dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "dev.bulwark.controller.auth..", "dev.bulwark.controller.policy..",
                        "dev.bulwark.controller.admission..", "dev.bulwark.controller.backup..",
                        "dev.bulwark.controller.registry..")
                .check(CONTROLLER);
    }

    @Test
    void timeComesFromTheInjectedClock() {
        noClasses().that().resideOutsideOfPackages("dev.bulwark.controller.store..", "dev.bulwark.controller.tls..")
                .and().doNotHaveSimpleName("Controller")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.InstantSource.class, "system")
                .because("session expiry, lockout and profile expiry are tested with a clock that tests move")
                .check(CONTROLLER);
    }

    @Test
    void oneLoggingApiAndOneJsonSetup() {
        Guards.oneLoggingApi("Controller").check(CONTROLLER); // the composition root installs the route
        Guards.oneJsonSetup("Bodies").check(CONTROLLER); // the API's strict mapper
    }

    @Test
    void nothingUsesTheForeignMemoryApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("java.lang.foreign..").check(CONTROLLER);
    }
}
