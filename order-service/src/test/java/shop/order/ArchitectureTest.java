package shop.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The domain stays free of infrastructure: no Spring, no Kafka, no Redis, no JDBC in it. */
class ArchitectureTest {

    private static final String DOMAIN = "shop.order.order.domain..";
    private static final String[] SPRING_AND_STORAGE = {"org.springframework..", "org.axonframework.spring..",
            "jakarta.persistence..", "java.sql..", "javax.sql..", "io.lettuce..", "redis.."};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("shop.order");

    @Test
    void theGuardedPackageExists() {
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("shop.order.order.domain"))).isNotEmpty();
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
    void theDomainKnowsNeitherTheApiNorTheConsumer() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("shop.order.checkout..")
                .orShould().dependOnClassesThat().resideInAPackage("shop.order.order")
                .check(classes);
    }

    @Test
    void theDomainDependsOnNoOtherServiceNorTheReadSide() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("shop.cart..", "shop.projector..",
                        "shop.contracts.view..", "shop.contracts.envelope..", "shop.platform.view..",
                        "shop.platform.web..", "shop.platform.relay..")
                .check(classes);
    }
}
