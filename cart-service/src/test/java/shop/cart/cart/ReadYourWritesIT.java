package shop.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import shop.cart.CartServiceIT;
import shop.contracts.view.ViewKeys;
import shop.platform.view.ReadYourWritesProperties;
import shop.platform.view.ViewReader;
import shop.platform.view.ViewReader.StoredView;
import shop.platform.web.ViewNotCaughtUp;
import shop.testsupport.SharedContainers;

/**
 * Read-your-writes waits are woken by the projector's announcement of a write, not by polling: against real
 * Redis, a test stands in for the projector and writes views with its very compare-and-set script.
 */
@CartServiceIT
class ReadYourWritesIT {

    static final ViewKeys.Family CARTS = ViewKeys.Family.CARTS;
    static final ExecutorService READERS = Executors.newCachedThreadPool();
    static final RedisScript<Long> COMPARE_AND_SET = RedisScript.of(ViewKeys.COMPARE_AND_SET, Long.class);
    /** Names this run's views, so that the channels counted are this test's only. */
    static final String RUN = "ryw-" + UUID.randomUUID();

    @Autowired
    ViewReader views;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ReadYourWritesProperties properties;

    /** Asks Redis itself who subscribes to what. */
    static final RedisClient CLIENT = RedisClient.create(RedisURI.create(SharedContainers.redisHost(), SharedContainers.redisPort()));
    static final StatefulRedisConnection<String, String> PUBSUB = CLIENT.connect();

    @AfterAll
    static void stop() {
        READERS.shutdownNow();
        PUBSUB.close();
        CLIENT.shutdown();
    }

    @Test
    void aWaitingReadReturnsAsSoonAsTheProjectorAnnouncesTheWrite() throws Exception {
        String id = newView();
        List<Long> tookMillis = new ArrayList<>();
        for (long version = 1; version <= 5; version++) {
            Future<StoredView> read = waitingRead(id, version);
            long written = System.nanoTime();
            assertThat(compareAndSet(id, version - 1, version)).isTrue();
            StoredView view = read.get(5, TimeUnit.SECONDS);
            tookMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written));

            assertThat(view.version()).isEqualTo(version);
            assertThat(view.json()).contains("\"version\":" + version);
        }
        // unwoken, each read would answer only at its recheck, about the recheck interval after the write (made
        // just after the read subscribed); the median spares the test a single stall of a busy machine
        Collections.sort(tookMillis);
        assertThat(tookMillis.get(2)).as("median ms from the write to the answer %s, recheck interval %s", tookMillis,
                properties.recheckInterval()).isLessThan(properties.recheckInterval().toMillis() / 2);
    }

    @Test
    void aWriteThatIsNotAnnouncedIsSeenAtTheNextRecheck() throws Exception {
        String id = newView();
        Future<StoredView> read = waitingRead(id, 1);
        // written as no projector writes: nothing is published
        redis.opsForHash().putAll(key(id), Map.of(ViewKeys.VERSION_FIELD, "1", ViewKeys.JSON_FIELD, json(id, 1)));

        assertThat(read.get(properties.timeout().toMillis() / 2, TimeUnit.MILLISECONDS).version()).isEqualTo(1);
    }

    @Test
    void aViewThatDoesNotCatchUpInTimeIsA503() throws Exception {
        String id = newView();
        long started = System.nanoTime();
        Future<StoredView> read = READERS.submit(() -> views.read(CARTS, id, "cart " + id, 3L));
        assertThat(compareAndSet(id, 0L, 1)).isTrue(); // announced, but not far enough

        assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ViewNotCaughtUp.class).hasMessageContaining("has not reached version 3");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(properties.timeout(), properties.timeout().plusSeconds(1));
    }

    @Test
    void aReadWaitingAcrossAGenerationSwitchFollowsTheViewIntoTheNewGeneration() throws Exception {
        String id = newView();
        Object before = redis.opsForHash().get(CARTS.control(), ViewKeys.CURRENT_FIELD);
        long next = ViewKeys.generation(before) + 1000;
        try {
            Future<StoredView> read = waitingRead(id, 1);
            redis.opsForHash().put(CARTS.control(), ViewKeys.CURRENT_FIELD, Long.toString(next));
            // announced on the new generation's channel, which the read does not watch yet: it finds the view
            // when it re-reads at its recheck, resolving the generation anew
            assertThat(compareAndSet(id, null, 1)).isTrue();

            assertThat(read.get(properties.timeout().toMillis() / 2, TimeUnit.MILLISECONDS).version()).isEqualTo(1);
        } finally {
            if (before == null) {
                redis.opsForHash().delete(CARTS.control(), ViewKeys.CURRENT_FIELD);
            } else {
                redis.opsForHash().put(CARTS.control(), ViewKeys.CURRENT_FIELD, before);
            }
            redis.delete(CARTS.key(next, id));
        }
    }

    @Test
    void everySubscriptionEndsWithItsWaits() throws Exception {
        List<String> ids = new ArrayList<>();
        List<Future<StoredView>> reads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = newView("many");
            ids.add(id);
            for (int reader = 0; reader < 3; reader++) {
                reads.add(READERS.submit(() -> views.read(CARTS, id, "cart " + id, 1L)));
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> channels("many").size() == ids.size());
        for (String id : ids) {
            compareAndSet(id, 0L, 1);
        }
        for (Future<StoredView> read : reads) {
            assertThat(read.get(5, TimeUnit.SECONDS).version()).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> channels("many").isEmpty());
        assertThat(subscribers(ViewKeys.changes(key(ids.get(0))))).isZero();
    }

    /** A view at version 0, in the current generation. */
    String newView() {
        return newView("one");
    }

    String newView(String group) {
        String id = RUN + "-" + group + "-" + UUID.randomUUID();
        assertThat(compareAndSet(id, null, 0)).isTrue();
        return id;
    }

    /** A read for {@code minVersion}, returned once it is waiting: subscribed to the view's channel. */
    Future<StoredView> waitingRead(String id, long minVersion) {
        Future<StoredView> read = READERS.submit(() -> views.read(CARTS, id, "cart " + id, minVersion));
        String channel = ViewKeys.changes(key(id));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1)).until(() -> subscribers(channel) > 0);
        return read;
    }

    /** As the cache-projector writes a view live. */
    boolean compareAndSet(String id, Long expected, long version) {
        return Long.valueOf(1).equals(redis.execute(COMPARE_AND_SET, List.of(key(id)),
                expected == null ? "" : expected.toString(), Long.toString(version), json(id, version)));
    }

    String key(String id) {
        return CARTS.key(views.currentGeneration(CARTS), id);
    }

    static String json(String id, long version) {
        return "{\"cartId\":\"" + id + "\",\"customerId\":\"alice\",\"version\":" + version + "}";
    }

    long subscribers(String channel) {
        return PUBSUB.sync().pubsubNumsub(channel).get(channel);
    }

    /** The channels subscribed now for this run's views of {@code group}. */
    List<String> channels(String group) {
        return PUBSUB.sync().pubsubChannels(ViewKeys.CHANGES_PREFIX + "*" + RUN + "-" + group + "-*");
    }
}
