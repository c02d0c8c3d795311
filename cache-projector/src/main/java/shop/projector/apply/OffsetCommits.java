package shop.projector.apply;

import java.time.Duration;
import java.util.Collection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * How the projector commits offsets. Nothing is committed by the listener container ({@code ack-mode: manual});
 * {@link BatchProjector} commits each batch's offsets once Redis has confirmed its writes, without waiting for the
 * broker's answer: waiting was a ninth of a catching-up worker's time. Such a commit is not retried when it fails
 * (in a rebalance, say), which only means redelivery, harmless here; but if no further batch came, the group's
 * committed offsets would stay behind what was applied, and the autoscaler would read lag that is not there. So
 * once the worker has been idle for {@link #IDLE} it confirms the batch it may have in flight and commits its
 * positions synchronously: everything polled has been applied by then (a failed record is sought back to, so its
 * position is never past it). Before partitions are revoked, which includes a stopping worker's leaving the
 * group, the batch in flight is confirmed and committed too; partitions lost without a revocation are left to
 * redelivery.
 */
@Component
class OffsetCommits {

    static final Duration IDLE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(OffsetCommits.class);

    private final BatchProjector projector;

    OffsetCommits(BatchProjector projector) {
        this.projector = projector;
    }

    @Component
    static class CommitSettings implements ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> {

        private final BatchProjector projector;

        CommitSettings(BatchProjector projector) {
            this.projector = projector;
        }

        @Override
        public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
            // the error handler's commits of what came before a failed record, which it waits for only with this on
            container.getContainerProperties().setSyncCommits(false);
            container.getContainerProperties().setIdleEventInterval(IDLE.toMillis());
            container.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

                @Override
                public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                    projector.confirmInFlight(consumer, true);
                }

                @Override
                public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                    projector.abandonInFlight(consumer);
                }
            });
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
            if (projector.confirmInFlight(consumer, false)) {
                consumer.commitSync();
            }
        } catch (RuntimeException e) {
            // a rebalance in progress, the coordinator moving: the next idle interval tries again
            log.debug("commit while idle failed, trying again after {}: {}", IDLE, e.toString());
        }
    }
}
