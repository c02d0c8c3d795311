package shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import shop.testsupport.SharedContainers;

/**
 * The projection benchmarks run end to end on a small scale, as {@code ./shop bench} runs them: the shop-tools jar
 * as its own process against a real cart-service and cache-projector. Their figures are not asserted (benchmarks
 * are programs, and CI machines are shared), but that they finish, meet no errors, leave nothing behind and end
 * with the line the issue names, the one a script reads with {@code tail -1}.
 */
class BenchmarksIT {

    static ServiceProcess cartService;
    static ServiceProcess projector;

    @BeforeAll
    static void startTheShop() {
        cartService = ServiceProcess.start("cart-service");
        projector = ServiceProcess.start("cache-projector");
    }

    @AfterAll
    static void stopTheShop() {
        for (ServiceProcess service : new ServiceProcess[]{projector, cartService}) {
            if (service != null) {
                service.stop();
            }
        }
    }

    @Test
    void projectorBenchmarkAppliesEveryEventAndEndsWithItsRatio() throws Exception {
        Run run = shopTools("bench", "projector", "--events", "20000",
                "--kafka", SharedContainers.KAFKA.getBootstrapServers(),
                "--redis", SharedContainers.SHARED.redisUri(),
                "--catalog-url", cartService.baseUrl(),
                "--projector-jar", System.getProperty("shop.jar.cache-projector"));

        assertThat(run.output()).contains("(applied 20000, skipped 0, failed 0, gaps 0)", ", 0 writes refused");
        assertThat(run.lastLine()).matches("projector: \\d+ events/s, redis limit: \\d+ ops/s, ratio \\d+\\.\\d\\d");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedContainers.KAFKA.getBootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(topic -> topic.startsWith("bench."));
        }
    }

    @Test
    void latencyBenchmarkSeesEveryCommandInItsViewAndEndsWithItsPercentiles() throws Exception {
        Run run = shopTools("bench", "latency", "--url", cartService.baseUrl(), "--issuer", TestIssuer.baseUrl(),
                "--rate", "20", "--duration", "5", "--warm-up", "1", "--customers", "5");

        assertThat(run.lastLine()).matches("latency: p50 \\d+\\.\\d ms, p99 \\d+\\.\\d ms, max \\d+\\.\\d ms, errors 0");
    }

    @Test
    void commandsBenchmarkEndsWithItsRatioAndDropsItsScratchSchema() throws Exception {
        Run run = shopTools("bench", "commands", "--url", cartService.baseUrl(), "--issuer", TestIssuer.baseUrl(),
                "--jdbc-url", SharedContainers.POSTGRES.getJdbcUrl(),
                "--db-user", SharedContainers.POSTGRES.getUsername(),
                "--db-password", SharedContainers.POSTGRES.getPassword(),
                "--clients", "2", "--warm-up", "2", "--duration", "2", "--round", "1");

        assertThat(run.output()).containsPattern("REST API .* errors 0\\n").containsPattern("plain JDBC .* errors 0\\n");
        assertThat(run.lastLine()).matches("commands: \\d+/s, plain JDBC: \\d+/s, ratio \\d+\\.\\d\\d");
        try (Connection db = DriverManager.getConnection(SharedContainers.POSTGRES.getJdbcUrl(),
                SharedContainers.POSTGRES.getUsername(), SharedContainers.POSTGRES.getPassword());
             ResultSet schemas = db.createStatement().executeQuery(
                     "select count(*) from information_schema.schemata where schema_name like 'bench\\_%'")) {
            schemas.next();
            assertThat(schemas.getInt(1)).as("scratch schemas left").isZero();
        }
    }

    /** What a finished shop-tools run printed, standard output and error together as a terminal shows them. */
    record Run(String output) {

        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /** Runs the shop-tools jar as {@code ./shop} does and asserts it exited 0. */
    private static Run shopTools(String... arguments) throws IOException, InterruptedException {
        String jar = System.getProperty("shop.jar.shop-tools");
        assertThat(jar).as("system property shop.jar.shop-tools").isNotNull();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(arguments));
        Path log = Files.createDirectories(Path.of("target", "service-logs"))
                .resolve("shop-tools-" + arguments[1] + "-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("%s still running after 5 minutes; output:%n%s", String.join(" ", arguments), output).isTrue();
        assertThat(process.exitValue()).as("exit code of %s; output:%n%s", String.join(" ", arguments), output).isZero();
        return new Run(output);
    }
}
