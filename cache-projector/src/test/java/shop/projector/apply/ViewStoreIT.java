package shop.projector.apply;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import shop.contracts.view.ViewKeys;
import shop.testsupport.SharedContainers;

/** The view store against a real Redis, where the projector's own tests cannot time what they need. */
class ViewStoreIT {

    static LettuceConnectionFactory connections;

    @BeforeAll
    static void connect() {
        SharedContainers.start();
        connections = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(SharedContainers.redisHost(), SharedContainers.redisPort()));
        connections.setPipeliningFlushPolicy(LettuceConnection.PipeliningFlushPolicy.buffered(ProjectorConfiguration.PIPELINE_FLUSH_COMMANDS));
        connections.afterPropertiesSet();
        connections.start();
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void whenTheScriptIsLoadedByAnotherClientMidPipelineEveryWriteLandsOnceAndCountsAsLanded() {
        ViewStore store = new ViewStore(connections);
        List<String> keys = IntStream.range(0, 3 * ProjectorConfiguration.PIPELINE_FLUSH_COMMANDS)
                .mapToObj(i -> ViewKeys.Family.CARTS.key(0, UUID.randomUUID().toString())).toList();
        try (RedisConnection other = connections.getConnection()) {
            other.scriptingCommands().scriptFlush();
            List<Boolean> landed = store.compareAndSet(keys, key -> {
                if (key.equals(keys.get(ProjectorConfiguration.PIPELINE_FLUSH_COMMANDS + 1))) {
                    // the first flush has reached Redis and been refused; then another worker loads the script
                    sleep();
                    other.scriptingCommands().scriptLoad(ViewKeys.COMPARE_AND_SET.getBytes(UTF_8));
                }
                return new ViewStore.Write(key, null, 0, "{}".getBytes(UTF_8));
            }).landed();

            assertThat(landed).hasSize(keys.size()).containsOnly(true);
            keys.forEach(key -> assertThat(other.hashCommands().hGet(key.getBytes(UTF_8), ViewKeys.VERSION_FIELD.getBytes(UTF_8)))
                    .asString(UTF_8).isEqualTo("0"));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
