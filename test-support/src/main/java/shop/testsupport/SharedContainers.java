package shop.testsupport;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * PostgreSQL, Kafka and Redis, started together the first time any test touches this class and shared by
 * every test class in the JVM. Ryuk cannot run where its image cannot be pulled, so a shutdown hook stops
 * them instead. Never stop or restart these: other test classes use them; take an
 * {@link Infrastructure#dedicated()} set for that.
 */
public final class SharedContainers {

    public static final Infrastructure SHARED = new Infrastructure();

    public static final PostgreSQLContainer<?> POSTGRES = SHARED.postgres;

    public static final KafkaContainer KAFKA = SHARED.kafka;

    public static final GenericContainer<?> REDIS = SHARED.redis;

    static {
        SHARED.startAll();
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
