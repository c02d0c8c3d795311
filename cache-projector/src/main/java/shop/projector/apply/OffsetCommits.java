package shop.projector.apply;

import java.time.Duration;

import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * How the projector commits offsets. After each batch is applied its offsets are committed without waiting for the
 * broker's answer: waiting was a ninth of a catching-up worker's time. Such a commit is not retried when it fails
 * (in a rebalance, say), which only means redelivery, harmless here; but if no further batch came, the group's
 * committed offsets would stay behind what was applied, and the autoscaler would read lag that is not there. So
 * once the worker has been idle for {@link #IDLE} it commits its positions synchronously: everything polled has
 * been applied by then (a failed record is sought back to, so its position is never past it). A stopping worker's
 * consumer waits for its pending commits before it closes.
 */
@Component
class OffsetCommits {

    static final Duration IDLE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(OffsetCommits.class);

    @Component
    static class AsynchronousCommits implements ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> {

        @Override
        public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
            container.getContainerProperties().setSyncCommits(false);
            container.getContainerProperties().setIdleEventInterval(IDLE.toMillis());
        }
    }

    /** Runs on the consumer's own thread, between two polls, so it may use the consumer. */
    @EventListener
    void commitWhenIdle(ListenerContainerIdleEvent idle) {
        Consumer<?, ?> consumer = idle.getConsumer();
        if (consumer == null || idle.isPaused()) {
            return;
        }
        try {
            consumer.commitSync();
        } catch (RuntimeException e) {
            // a rebalance in progress, the coordinator moving: the next idle interval tries again
            log.debug("commit while idle failed, trying again after {}: {}", IDLE, e.toString());
        }
    }
}
