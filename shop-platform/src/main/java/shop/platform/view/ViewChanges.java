package shop.platform.view;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import shop.contracts.view.ViewKeys;

/**
 * Hears the cache-projector's announcements of view writes ({@link ViewKeys#changes}) for the views that reads
 * are waiting on, over one pub/sub connection per process. A channel is subscribed while at least one
 * {@link Watch} on it is open and unsubscribed after the last one closes.
 *
 * <p>The container's subscribe and unsubscribe block until Redis answers them (while Redis is away, until it is
 * back or the command timeout passes), so they run on one thread of their own, in order; a request thread only
 * ever waits, bounded, on its {@link Watch}. Nothing here throws at a reader: when subscribing fails, the watch
 * just never hears anything and its reader re-reads at its recheck interval.
 */
final class ViewChanges implements MessageListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ViewChanges.class);

    /**
     * Subscribed from the first wait on for the life of the process (nothing is published to it): the container
     * closes its connection when its last channel goes, and opening one for each wait would cost more than it.
     */
    private static final ChannelTopic KEEP_OPEN = new ChannelTopic(ViewKeys.CHANGES_PREFIX);

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    private final ExecutorService subscriber = Executors.newSingleThreadExecutor(daemon("view-changes-subscriber"));
    private final ScheduledExecutorService recovery = Executors.newSingleThreadScheduledExecutor(daemon("view-changes-recovery"));
    private final ConcurrentMap<String, Watch> watches = new ConcurrentHashMap<>();

    /** Touched by the subscriber thread only. */
    private boolean keptOpen;
    private boolean failing;

    ViewChanges(RedisConnectionFactory redis) {
        container.setConnectionFactory(redis);
        // delivering a message only wakes waiting threads: Lettuce's event loop may do that, no thread per message
        container.setTaskExecutor(Runnable::run);
        // a scheduled executor has the container schedule its retries after a failed subscription instead of
        // sleeping on whichever thread saw the failure
        container.setSubscriptionExecutor(recovery);
        container.afterPropertiesSet();
        // with no channel yet this touches no Redis, so a service starts while Redis is down
        container.start();
    }

    /** Starts listening for writes announced on {@code channel}; the caller closes the watch when done waiting. */
    Watch watch(String channel) {
        Watch[] created = new Watch[1];
        Watch watch = watches.compute(channel, (key, existing) -> {
            Watch joined = existing != null ? existing : (created[0] = new Watch(key));
            joined.waiters++;
            return joined;
        });
        if (created[0] != null) {
            subscriber.execute(() -> subscribe(created[0]));
        }
        return watch;
    }

    private void release(Watch watch) {
        if (watches.computeIfPresent(watch.channel, (key, joined) -> --joined.waiters == 0 ? null : joined) == null) {
            subscriber.execute(() -> unsubscribe(watch));
        }
    }

    private void subscribe(Watch watch) {
        if (watches.get(watch.channel) != watch) {
            return; // closed before its turn came
        }
        ChannelTopic topic = new ChannelTopic(watch.channel);
        try {
            // returns once Redis confirmed the SUBSCRIBE: from then on no announcement is missed
            container.addMessageListener(this, keptOpen ? List.of(topic) : List.of(KEEP_OPEN, topic));
            keptOpen = true;
            watch.subscribed();
            if (failing) {
                failing = false;
                log.info("Subscribing to view changes works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("Cannot subscribe to view changes, waiting reads re-read at their recheck interval meanwhile: {}", e.toString());
            }
        }
    }

    private void unsubscribe(Watch watch) {
        if (watches.containsKey(watch.channel)) {
            return; // a newer watch of the channel keeps the subscription
        }
        try {
            container.removeMessageListener(this, new ChannelTopic(watch.channel));
        } catch (RuntimeException e) {
            log.debug("Unsubscribing from {} failed", watch.channel, e);
        }
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        Watch watch = watches.get(new String(message.getChannel(), StandardCharsets.UTF_8));
        if (watch != null) {
            watch.announced(versionIn(message));
        }
    }

    private static long versionIn(Message message) {
        try {
            return Long.parseLong(new String(message.getBody(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // not a version: wake everyone to read what is there
        }
    }

    @Override
    public void close() throws Exception {
        subscriber.shutdownNow();
        container.destroy();
        recovery.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        // daemon threads: a subscription that is still being confirmed must not keep a stopping service alive
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Waiting for announcements on one channel, shared by the reads that wait on the same view. */
    final class Watch implements AutoCloseable {

        private final String channel;
        /** Guarded by the map entry: changed only inside {@code watches.compute}. */
        private int waiters;
        private boolean subscribed;
        private long announced = -1;

        private Watch(String channel) {
            this.channel = channel;
        }

        private synchronized void subscribed() {
            subscribed = true;
            notifyAll();
        }

        private synchronized void announced(long version) {
            announced = Math.max(announced, version);
            notifyAll();
        }

        /**
         * Waits until Redis confirmed the subscription, at most {@code nanos}: a read of the view after that cannot
         * miss a write, since any later write is announced to this watch.
         */
        synchronized void awaitSubscribed(long nanos) throws InterruptedException {
            long until = System.nanoTime() + nanos;
            for (long left = nanos; !subscribed && left > 0; left = until - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** Waits until a write of at least {@code version} was announced, at most {@code nanos}. */
        synchronized void awaitAnnounced(long version, long nanos) throws InterruptedException {
            long until = System.nanoTime() + nanos;
            for (long left = nanos; announced < version && left > 0; left = until - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        @Override
        public void close() {
            release(this);
        }
    }
}
