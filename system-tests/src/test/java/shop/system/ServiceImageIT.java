package shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;

import shop.testsupport.SharedContainers;

/**
 * The cart-service container image that {@code ./shop images} builds, run as its Kubernetes Deployment runs
 * it (image user, read-only root filesystem, writable /tmp, configuration from SPRING_* variables), against
 * the shared PostgreSQL, Kafka and Redis: it becomes ready, serves the catalog, and on {@code docker stop}
 * (SIGTERM) shuts down gracefully well within the grace period instead of being killed.
 */
class ServiceImageIT {

    private static final String SERVICE = "cart-service";
    /** below every Deployment's terminationGracePeriodSeconds (infra/k8s/base: 45 s for cart-service) */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theImageBecomesReadyAndStopsGracefullyOnSigterm() throws Exception {
        String image = buildImage(SERVICE);
        SharedContainers.start();
        int port = freePort();
        // host networking: the container reaches the shared containers at the addresses they advertise to
        // this JVM (Kafka's advertised listener is localhost:<mapped port>)
        try (GenericContainer<?> service = new GenericContainer<>(image)
                .withNetworkMode("host")
                .withEnv(Map.of(
                        "SERVER_PORT", Integer.toString(port),
                        "SPRING_DATASOURCE_URL", SharedContainers.POSTGRES.getJdbcUrl(),
                        "SPRING_DATASOURCE_USERNAME", SharedContainers.POSTGRES.getUsername(),
                        "SPRING_DATASOURCE_PASSWORD", SharedContainers.POSTGRES.getPassword(),
                        "SPRING_KAFKA_BOOTSTRAP_SERVERS", SharedContainers.KAFKA.getBootstrapServers(),
                        "SPRING_DATA_REDIS_HOST", SharedContainers.redisHost(),
                        "SPRING_DATA_REDIS_PORT", Integer.toString(SharedContainers.redisPort()),
                        "JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1"))
                // as the pod: read-only root filesystem, /tmp an (executable) emptyDir
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withReadonlyRootfs(true)
                        .withTmpFs(Map.of("/tmp", "rw,exec,size=256m")))
                .waitingFor(Wait.forLogMessage(".*Started CartServiceApplication.*\\n", 1)
                        .withStartupTimeout(Duration.ofMinutes(3)))) {
            service.start();

            String base = "http://localhost:" + port;
            Awaitility.await("readiness of " + image).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> get(base + "/actuator/health/readiness").contains("\"status\":\"UP\""));
            assertThat(get(base + "/actuator/health/liveness")).contains("\"status\":\"UP\"");
            assertThat(get(base + "/api/products/MUG-CQRS")).contains("\"sku\":\"MUG-CQRS\"");

            DockerClient docker = DockerClientFactory.instance().client();
            long start = System.nanoTime();
            // exactly `docker stop -t 30`: SIGTERM, SIGKILL only if still running after the timeout
            docker.stopContainerCmd(service.getContainerId()).withTimeout((int) GRACE.toSeconds()).exec();
            Duration stopped = Duration.ofNanos(System.nanoTime() - start);

            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(service.getContainerId()).exec().getState();
            String logs = service.getLogs();
            System.out.printf("%s: ready; docker stop took %d ms, exit code %d%n", image, stopped.toMillis(), state.getExitCodeLong());
            assertThat(state.getOOMKilled()).isFalse();
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited; 137 would be the SIGKILL
            assertThat(state.getExitCodeLong()).as("exit code; logs:%n%s", logs).isIn(0L, 143L);
            assertThat(stopped).as("time to stop").isLessThan(GRACE);
            assertThat(logs).contains("Commencing graceful shutdown").contains("Graceful shutdown complete");
        }
    }

    /** {@code infra/images.sh} from the jar this build has just packaged; an up-to-date image is reused. */
    private static String buildImage(String name) throws IOException, InterruptedException {
        Process build = new ProcessBuilder("infra/images.sh", "--skip-package", name)
                .directory(Path.of("..").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(build.waitFor()).as("infra/images.sh --skip-package %s (see .shop/logs/images.log)", name).isZero();
        return "shop-es/" + name + ":" + System.getProperty("shop.version");
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
