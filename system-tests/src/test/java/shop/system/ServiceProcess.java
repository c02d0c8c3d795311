package shop.system;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import shop.testsupport.SharedContainers;

/**
 * A service's runnable jar started as a real JVM process, wired to the shared containers, on a free port.
 * {@link #stop()} is a SIGTERM, {@link #kill()} a SIGKILL.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final List<String> extraArguments;
    private Process process;

    private ServiceProcess(String name, List<String> extraArguments) {
        this.name = name;
        this.port = freePort();
        this.log = Path.of("target", "service-logs", name + "-" + port + ".log");
        this.extraArguments = extraArguments;
    }

    static ServiceProcess start(String name, String... extraArguments) {
        ServiceProcess service = new ServiceProcess(name, List.of(extraArguments));
        service.launch();
        return service;
    }

    void launch() {
        String jar = System.getProperty("shop.jar." + name);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("no runnable jar for " + name + " (system property shop.jar." + name + ")");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar,
                "--server.port=" + port,
                "--spring.datasource.url=" + SharedContainers.POSTGRES.getJdbcUrl(),
                "--spring.datasource.username=" + SharedContainers.POSTGRES.getUsername(),
                "--spring.datasource.password=" + SharedContainers.POSTGRES.getPassword(),
                "--spring.kafka.bootstrap-servers=" + SharedContainers.KAFKA.getBootstrapServers(),
                "--spring.data.redis.host=" + SharedContainers.redisHost(),
                "--spring.data.redis.port=" + SharedContainers.redisPort(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestIssuer.jwkSetUri()));
        command.addAll(extraArguments);
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        awaitHealthy(Duration.ofSeconds(120));
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + "; see " + log.toAbsolutePath());
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The exit status once stopped: 143 after a SIGTERM the JVM handled, 137 after a kill. */
    int exitValue() {
        return process.exitValue();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
