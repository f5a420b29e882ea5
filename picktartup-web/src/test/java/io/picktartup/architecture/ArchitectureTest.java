package io.picktartup.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The house structure, kept by the build: package by business component, then boundary / control / entity, with
 * dependencies pointing inwards and no cycles between components. Covers the application's three modules (domain,
 * batch, web); the launcher and the generated contract wrappers are tools, not the application.
 */
class ArchitectureTest {

    private static JavaClasses application;

    @BeforeAll
    static void importApplication() {
        application = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/io/picktartup/launcher/")
                        && !location.contains("/io/picktartup/chain/contract/"))
                .importPackages("io.picktartup");
        // the rules below would pass vacuously on an empty import
        assertThat(application.stream().map(c -> c.getPackageName()).distinct())
                .contains("io.picktartup.platform.entity", "io.picktartup.platform.boundary",
                        "io.picktartup.operations.boundary", "io.picktartup.waitlist.boundary");
    }

    @Test
    void everyClassLivesInAComponentLayer() {
        classes().should().resideInAPackage("io.picktartup.*.boundary..")
                .orShould().resideInAPackage("io.picktartup.*.control..")
                .orShould().resideInAPackage("io.picktartup.*.entity..")
                .because("components are io.picktartup.<component>.{boundary,control,entity}")
                .check(application);
    }

    @Test
    void entitiesDependOnNeitherControlNorBoundary() {
        noClasses().that().resideInAPackage("..entity..")
                .should().dependOnClassesThat().resideInAnyPackage("..control..", "..boundary..")
                .check(application);
    }

    @Test
    void controlsDoNotDependOnBoundaries() {
        noClasses().that().resideInAPackage("..control..")
                .should().dependOnClassesThat().resideInAPackage("..boundary..")
                .check(application);
    }

    @Test
    void componentsHaveNoCycles() {
        slices().matching("io.picktartup.(*)..").should().beFreeOfCycles().check(application);
    }

    @Test
    void noUtilityOrManagerNames() {
        noClasses().should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .check(application);
    }
}
