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

import shop.testsupport.Infrastructure;
import shop.testsupport.SharedContainers;

/**
 * A service's runnable jar started as a real JVM process, wired to a set of containers (the shared ones
 * unless told otherwise), on a free port. {@link #stop()} is a SIGTERM, {@link #kill()} a SIGKILL.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Infrastructure infrastructure;
    private final int port;
    private final Path log;
    private final List<String> extraArguments;
    private Process process;

    private ServiceProcess(String name, Infrastructure infrastructure, List<String> extraArguments) {
        this.name = name;
        this.infrastructure = infrastructure;
        this.port = freePort();
        this.log = Path.of("target", "service-logs", name + "-" + port + ".log");
        this.extraArguments = extraArguments;
    }

    static ServiceProcess start(String name, String... extraArguments) {
        SharedContainers.start();
        return start(SharedContainers.SHARED, name, extraArguments);
    }

    static ServiceProcess start(Infrastructure infrastructure, String name, String... extraArguments) {
        // the port is found free before the JVM binds it, so another process may take it in between: then another
        for (int attempt = 1; ; attempt++) {
            ServiceProcess service = new ServiceProcess(name, infrastructure, List.of(extraArguments));
            try {
                service.launch();
                return service;
            } catch (IllegalStateException e) {
                if (attempt == 3 || !service.lostItsPort()) {
                    throw e;
                }
            }
        }
    }

    private boolean lostItsPort() {
        try {
            return Files.readString(log).contains("Port " + port + " was already in use");
        } catch (IOException e) {
            return false;
        }
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
                "--spring.datasource.url=" + infrastructure.postgres.getJdbcUrl(),
                "--spring.datasource.username=" + infrastructure.postgres.getUsername(),
                "--spring.datasource.password=" + infrastructure.postgres.getPassword(),
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafka.getBootstrapServers(),
                "--spring.data.redis.host=" + infrastructure.redis.getHost(),
                "--spring.data.redis.port=" + infrastructure.redis.getMappedPort(6379),
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

    /** Waits until the service reports UP, e.g. again after a dependency came back. */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            if (health().startsWith("200 ")) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + "; see " + log.toAbsolutePath());
    }

    /**
     * The service's {@code /actuator/health} answer as {@code <status code> <body>}, or {@code unreachable}.
     */
    String health() {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() + " " + health.body();
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    @Override
    public String toString() {
        return name + " on port " + port;
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
