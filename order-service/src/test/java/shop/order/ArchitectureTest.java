package shop.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

import shop.testsupport.ArchitectureRules;

/** The domain stays free of infrastructure, of the API and of the read side. */
class ArchitectureTest {

    private static final String DOMAIN = "shop.order.order.domain";

    private final JavaClasses classes = ArchitectureRules.productionClasses("shop.order");

    @Test
    void theGuardedPackageExists() {
        ArchitectureRules.assertPackageExists(classes, DOMAIN);
    }

    @Test
    void theDomainDependsOnNoInfrastructure() {
        ArchitectureRules.domainFreeOfInfrastructure(DOMAIN).check(classes);
    }

    @Test
    void theDomainKnowsNeitherTheApiNorTheConsumer() {
        noClasses().that().resideInAPackage(DOMAIN + "..")
                .should().dependOnClassesThat().resideInAnyPackage("shop.order.checkout..")
                .orShould().dependOnClassesThat().resideInAPackage("shop.order.order")
                .check(classes);
    }

    @Test
    void theDomainDependsOnNoOtherServiceNorTheReadSide() {
        noClasses().that().resideInAPackage(DOMAIN + "..")
                .should().dependOnClassesThat().resideInAnyPackage("shop.cart..", "shop.projector..",
                        "shop.contracts.view..", "shop.contracts.envelope..", "shop.platform.view..",
                        "shop.platform.web..", "shop.platform.relay..")
                .check(classes);
    }
}
