package dev.bulwark.scanner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layout rules of STYLE.md for the scanner, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses SCANNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.bulwark.scanner");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.bulwark.scanner.(**)").should().beFreeOfCycles().check(SCANNER);
    }

    @Test
    void indexLeavesDoNotDependOnEachOther() {
        slices().matching("dev.bulwark.scanner.index.os.(*)..").should().notDependOnEachOther()
                .allowEmptyShould(true).check(SCANNER);
        slices().matching("dev.bulwark.scanner.index.lang.(*)..").should().notDependOnEachOther()
                .allowEmptyShould(true).check(SCANNER);
    }

    @Test
    void indexKnowsNothingOfLayersOrSources() {
        noClasses().that().resideInAPackage("dev.bulwark.scanner.index..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.scanner.layer..",
                        "dev.bulwark.scanner.source..", "dev.bulwark.scanner.report..")
                .check(SCANNER);
    }

    /** Analyzers learn what a distribution is from the table; advisories and the database are for matching. */
    @Test
    void indexUsesOnlyTheEcosystemTablesOfTheDatabase() {
        noClasses().that().resideInAPackage("dev.bulwark.scanner.index..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.vulndb.advisory..",
                        "dev.bulwark.vulndb.feed..", "dev.bulwark.vulndb.bundle..", "dev.bulwark.vulndb.version..")
                .check(SCANNER);
    }

    @Test
    void layersKnowNothingOfSourcesOrAnalyzers() {
        noClasses().that().resideInAPackage("dev.bulwark.scanner.layer..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.bulwark.scanner.index..",
                        "dev.bulwark.scanner.source..")
                .check(SCANNER);
    }

    @Test
    void nothingPrintsToStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(SCANNER);
    }
}
