package shop.cart;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import shop.testsupport.ArchitectureRules;

/** The domain and the event contracts stay free of infrastructure. */
class ArchitectureTest {

    private static final String DOMAIN = "shop.cart.cart.domain";
    private static final String CONTRACTS = "shop.contracts";

    private final JavaClasses classes = ArchitectureRules.productionClasses("shop.cart", CONTRACTS);

    @Test
    void theGuardedPackagesExist() {
        ArchitectureRules.assertPackageExists(classes, DOMAIN);
        ArchitectureRules.assertPackageExists(classes, CONTRACTS);
    }

    @Test
    void theDomainDependsOnNoInfrastructure() {
        ArchitectureRules.domainFreeOfInfrastructure(DOMAIN).check(classes);
    }

    @Test
    void theContractsDependOnNoSpringAndNoStorage() {
        noClasses().that().resideInAPackage(CONTRACTS + "..")
                .should().dependOnClassesThat().resideInAnyPackage(ArchitectureRules.SPRING_AND_STORAGE)
                .because("every service and tool reads the contracts, whatever framework it runs on")
                .check(classes);
    }

    @Test
    void contractsDoNotDependOnAnyService() {
        noClasses().that().resideInAPackage(CONTRACTS + "..")
                .should().dependOnClassesThat().resideInAnyPackage("shop.cart..", "shop.order..", "shop.projector..", "shop.platform..")
                .check(classes);
    }
}
