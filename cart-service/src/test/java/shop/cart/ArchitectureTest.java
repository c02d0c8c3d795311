package shop.cart;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The domain stays free of infrastructure: no Spring, no Kafka, no Redis, no JDBC in it. */
class ArchitectureTest {

    private static final String DOMAIN = "shop.cart.cart.domain..";
    private static final String CONTRACTS = "shop.contracts..";
    private static final String[] SPRING_AND_STORAGE = {"org.springframework..", "org.axonframework.spring..",
            "jakarta.persistence..", "java.sql..", "javax.sql..", "io.lettuce..", "redis.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("shop.cart", "shop.contracts");

    @Test
    void theGuardedPackagesExist() {
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("shop.cart.cart.domain"))).isNotEmpty();
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("shop.contracts"))).isNotEmpty();
    }

    @Test
    void theDomainDependsOnNoInfrastructure() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(SPRING_AND_STORAGE)
                .orShould().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .because("aggregates are plain Java, tested without any infrastructure")
                .check(classes);
    }

    @Test
    void theContractsDependOnNoSpringAndNoStorage() {
        noClasses().that().resideInAPackage(CONTRACTS)
                .should().dependOnClassesThat().resideInAnyPackage(SPRING_AND_STORAGE)
                .because("every service and tool reads the contracts, whatever framework it runs on")
                .check(classes);
    }

    @Test
    void contractsDoNotDependOnAnyService() {
        noClasses().that().resideInAPackage(CONTRACTS)
                .should().dependOnClassesThat().resideInAnyPackage("shop.cart..", "shop.order..", "shop.projector..", "shop.platform..")
                .check(classes);
    }
}
