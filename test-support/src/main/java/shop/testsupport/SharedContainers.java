package shop.testsupport;

import java.util.List;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;

/**
 * PostgreSQL, Kafka and Redis, started together the first time any test touches this class and shared by
 * every test class in the JVM. Ryuk cannot run where its image cannot be pulled, so a shutdown hook stops
 * them instead.
 */
public final class SharedContainers {

    public static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>(ContainerImages.POSTGRES)
            .withDatabaseName("shop")
            // the event store is append-heavy; durability is not what tests measure
            .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200");

    public static final KafkaContainer KAFKA = new KafkaContainer(ContainerImages.KAFKA);

    public static final GenericContainer<?> REDIS = new GenericContainer<>(ContainerImages.REDIS)
            .withExposedPorts(6379);

    private static final List<Startable> ALL = List.of(POSTGRES, KAFKA, REDIS);

    static {
        // registered first, so that containers are stopped even when a later one fails to start
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL.forEach(Startable::stop), "stop-shared-containers"));
        Startables.deepStart(ALL).join();
    }

    private SharedContainers() {
    }

    /** Starts the containers if this JVM has not yet; returns at once otherwise. */
    public static void start() {
        // loading the class runs the static initializer exactly once
    }

    public static String redisHost() {
        return REDIS.getHost();
    }

    public static int redisPort() {
        return REDIS.getMappedPort(6379);
    }
}
