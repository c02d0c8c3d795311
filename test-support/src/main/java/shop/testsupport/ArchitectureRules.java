package shop.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** The architecture rules every service's domain obeys, for each service's ArchitectureTest. */
public final class ArchitectureRules {

    /** What a domain or a contract must not touch: Spring and storage. */
    public static final String[] SPRING_AND_STORAGE = {"org.springframework..", "org.axonframework.spring..",
            "jakarta.persistence..", "java.sql..", "javax.sql..", "io.lettuce..", "redis.."};

    private ArchitectureRules() {
    }

    public static JavaClasses productionClasses(String... packages) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(packages);
    }

    /** A rule over a package that does not exist checks nothing: assert that it does. */
    public static void assertPackageExists(JavaClasses classes, String packageName) {
        assertThat(classes.stream().filter(type -> type.getPackageName().startsWith(packageName)))
                .as("classes in %s", packageName).isNotEmpty();
    }

    /** Aggregates are plain Java, tested without any infrastructure. */
    public static ArchRule domainFreeOfInfrastructure(String domainPackage) {
        return noClasses().that().resideInAPackage(domainPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(SPRING_AND_STORAGE)
                .orShould().dependOnClassesThat().resideInAPackage("org.apache.kafka..")
                .because("aggregates are plain Java, tested without any infrastructure");
    }
}
