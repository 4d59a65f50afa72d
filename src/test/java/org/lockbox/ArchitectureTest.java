package org.lockbox;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies point one way: no cycle between Lockbox's packages, no domain package reaching up
 * into the HTTP layer, and domain errors that depend on nothing of Lockbox's. Read from the
 * compiled main classes, so fully qualified uses count as much as imports. The HTTP layer is split by
 * capability over a shared core that knows none of them.
 */
class ArchitectureTest {

    private static final String ROOT = "org.lockbox";
    private static final String HTTP = "org.lockbox.api..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** Each package, subpackages included, is a slice of its own. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

    static final ArchRule SHARED_HTTP_KNOWS_NO_CAPABILITY = noClasses()
            .that().resideInAPackage("org.lockbox.api")
            .should().dependOnClassesThat().resideInAPackage("org.lockbox.api.*..")
            .because("the filters, error mapping and JSON helpers serve every capability's resources alike");

    static final ArchRule CAPABILITIES_OF_THE_HTTP_LAYER_ARE_APART = slices().matching("org.lockbox.api.(*)..")
            .should().notDependOnEachOther()
            .because("each capability's resources stand on the shared HTTP layer and their own domain package");

    static final ArchRule DOMAIN_DOES_NOT_DEPEND_ON_HTTP = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .and().resideOutsideOfPackages(HTTP, "org.lockbox.console..")
            .should().dependOnClassesThat().resideInAPackage(HTTP)
            .because("the HTTP layer maps the domain, never the other way round");

    static final ArchRule ERRORS_DEPEND_ON_NOTHING = noClasses()
            .that().resideInAPackage("org.lockbox.error..")
            .should().dependOnClassesThat(resideInAnyPackage(ROOT + "..", "jakarta.ws.rs..")
                    .and(not(resideInAPackage("org.lockbox.error.."))))
            .because("any package may raise a domain error");

    @Test
    void noCycleBetweenPackages() {
        NO_PACKAGE_CYCLES.check(main);
    }

    @Test
    void theSharedHttpLayerKnowsNoCapability() {
        SHARED_HTTP_KNOWS_NO_CAPABILITY.check(main);
    }

    @Test
    void theHttpLayersCapabilitiesDoNotDependOnEachOther() {
        CAPABILITIES_OF_THE_HTTP_LAYER_ARE_APART.check(main);
    }

    @Test
    void domainPackagesDoNotDependOnTheHttpLayer() {
        DOMAIN_DOES_NOT_DEPEND_ON_HTTP.check(main);
    }

    @Test
    void domainErrorsDependOnNoOtherLockboxPackage() {
        ERRORS_DEPEND_ON_NOTHING.check(main);
    }

    @Test
    void theMainClassesAreRead() {
        assertTrue(main.contain("org.lockbox.rootoftrust.tpm.TpmSealer")
                && main.contain("org.lockbox.error.NotFoundException"), "the main classes were not imported");
        assertFalse(main.contain(ArchitectureTest.class), "test classes are not part of the architecture");
    }
}
