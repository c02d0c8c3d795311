package shop.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;

/**
 * One set of PostgreSQL, Kafka and Redis, configured the one way every test uses them. {@link SharedContainers}
 * holds the set all test classes of a JVM share; a test that stops and starts engines takes a
 * {@link #dedicated()} set of its own, so that no other test sees its outages.
 */
public final class Infrastructure implements AutoCloseable {

    /**
     * Each engine starts in seconds on an idle machine, but a 2-core machine also running another build can
     * take minutes; a start that still fails is retried once in a new container before the tests give up.
     */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);
    private static final int STARTUP_ATTEMPTS = 2;

    public final PostgreSQLContainer<?> postgres = patient(new PostgreSQLContainer<>(ContainerImages.POSTGRES)
            .withDatabaseName("shop")
            // the event store is append-heavy; durability against a machine crash is not what tests measure
            .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200"));

    public final KafkaContainer kafka = patient(new KafkaContainer(ContainerImages.KAFKA));

    public final GenericContainer<?> redis = patient(new GenericContainer<>(ContainerImages.REDIS).withExposedPorts(6379));

    private final List<Startable> all = List.of(postgres, kafka, redis);

    Infrastructure() {
    }

    /**
     * A fresh set, started, stopped when the JVM exits. Each engine is bound to a host port chosen now and
     * kept across {@link #stop}/{@link #start} of that engine (Docker would otherwise pick new ones), because
     * the services under test keep the addresses they were started with.
     */
    public static Infrastructure dedicated() {
        Infrastructure set = new Infrastructure();
        set.postgres.setPortBindings(List.of(freePort() + ":5432"));
        set.kafka.setPortBindings(List.of(freePort() + ":9092"));
        set.redis.setPortBindings(List.of(freePort() + ":6379"));
        set.startAll();
        return set;
    }

    void startAll() {
        // registered first, so that containers are stopped even when a later one fails to start
        Runtime.getRuntime().addShutdownHook(new Thread(() -> all.forEach(Startable::stop), "stop-containers"));
        Startables.deepStart(all).join();
    }

    /** Stops and removes every container of this set (the shared set is left to the JVM's end). */
    @Override
    public void close() {
        all.forEach(Startable::stop);
    }

    public String redisUri() {
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }

    /**
     * Stops one engine of this set as an operator would (SIGTERM, or the image's stop signal, and a grace
     * period): PostgreSQL and Kafka keep their data, Redis saves its dataset on the way down.
     */
    public static void stop(GenericContainer<?> engine) {
        DockerClientFactory.instance().client().stopContainerCmd(engine.getContainerId()).withTimeout(10).exec();
    }

    /** Starts a {@link #stop stopped} engine again: the same container, its data and its host port. */
    public static void start(GenericContainer<?> engine) {
        DockerClientFactory.instance().client().startContainerCmd(engine.getContainerId()).exec();
    }

    private static <C extends GenericContainer<?>> C patient(C container) {
        container.withStartupTimeout(STARTUP_TIMEOUT).withStartupAttempts(STARTUP_ATTEMPTS);
        return container;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
