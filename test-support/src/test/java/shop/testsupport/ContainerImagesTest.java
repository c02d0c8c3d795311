package shop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The images the tests name are the images the bootstrap provides and the local stack runs. */
class ContainerImagesTest {

    private static final Path INFRA = Path.of("..", "infra");

    @Test
    void bootstrapAndComposeProvideEveryImageTheTestsUse() throws Exception {
        String bootstrap = Files.readString(INFRA.resolve("bootstrap.sh"));
        String compose = Files.readString(INFRA.resolve("compose.yaml"));
        for (String image : List.of(ContainerImages.POSTGRES, ContainerImages.KAFKA, ContainerImages.REDIS)) {
            assertThat(bootstrap).as("infra/bootstrap.sh provides %s", image).contains(image);
            assertThat(compose).as("infra/compose.yaml runs %s", image).contains("image: " + image);
        }
    }
}
