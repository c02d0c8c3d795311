package shop.autoscaler.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import shop.autoscaler.policy.PartitionLag;

/**
 * Reads, through Kafka's Admin API, every partition of the group's topics: its log-end offset and the
 * group's committed offset. Three requests a read (describe topics, list offsets, list group offsets), so
 * partitions added to a topic are picked up at the next read.
 */
public final class LagReader implements AutoCloseable {

    private final Admin admin;
    private final String group;
    private final List<String> topics;
    private final Duration timeout;

    public LagReader(Admin admin, String group, List<String> topics, Duration timeout) {
        this.admin = admin;
        this.group = group;
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
    }

    /** Every partition of the topics that exist, ordered by topic and partition; a topic not created yet has none. */
    public List<PartitionLag> read() throws InterruptedException {
        List<TopicPartition> partitions = partitions();
        if (partitions.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = get(admin.listOffsets(latest).all());
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        List<PartitionLag> lags = new ArrayList<>(partitions.size());
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata commit = committed.get(partition);
            lags.add(new PartitionLag(partition.topic(), partition.partition(), ends.get(partition).offset(),
                    commit == null ? PartitionLag.NO_COMMIT : commit.offset()));
        }
        return lags;
    }

    /** The group's members now (0 for a group that does not exist yet). */
    public int members() throws InterruptedException {
        return get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)).members().size();
    }

    private List<TopicPartition> partitions() throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                topic.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS).partitions()
                        .forEach(info -> partitions.add(new TopicPartition(topic.getKey(), info.partition())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new LagReadFailed("cannot describe topic " + topic.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new LagReadFailed("no answer describing topic " + topic.getKey() + " within " + timeout, e);
            }
        }
        partitions.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        return partitions;
    }

    private <T> T get(KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new LagReadFailed("the Admin API refused a lag read of group " + group, e.getCause());
        } catch (TimeoutException e) {
            throw new LagReadFailed("no answer from the Admin API within " + timeout, e);
        }
    }

    @Override
    public void close() {
        admin.close(timeout);
    }

    /** A read that Kafka did not answer; the next poll tries again. */
    public static final class LagReadFailed extends RuntimeException {
        LagReadFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
