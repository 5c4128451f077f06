package dev.bulwark.vulndb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The vulnerability database's layout, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses VULNDB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.bulwark.vulndb");

    @Test
    void versionComparatorsKnowNothingOfFeedsOrTheDatabase() {
        noClasses().that().resideInAPackage("dev.bulwark.vulndb.version..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.bulwark.vulndb.feed..", "dev.bulwark.vulndb.bundle..")
                .check(VULNDB);
    }

    /** The tables are what feeds, the bundle and the scanner agree on, so they depend on none of them. */
    @Test
    void ecosystemTablesKnowNothingOfAdvisoriesFeedsOrTheDatabase() {
        noClasses().that().resideInAPackage("dev.bulwark.vulndb.ecosystem..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.bulwark.vulndb.advisory..", "dev.bulwark.vulndb.feed..",
                        "dev.bulwark.vulndb.bundle..")
                .check(VULNDB);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.bulwark.vulndb.(*)..").should().beFreeOfCycles().check(VULNDB);
    }

    @Test
    void nothingPrintsToStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(VULNDB);
    }
}
