package shop.tools.redrive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import shop.tools.KafkaOptions;

/**
 * Sends dead letters back to the topic they came from, once whatever made them fail is fixed: each record
 * of {@code <topic>.dlt} goes to its original topic with its key, value and envelope headers (the
 * dead-letter headers dropped), and the redrive group's offset moves past it only after Kafka took it.
 * Records that fail again simply return to the dead-letter topic.
 */
public final class DeadLetterRedrive {

    static final String GROUP = "dead-letter-redrive";
    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    /** What the projector appends to a topic's name for its dead letters. */
    public static final String SUFFIX = ".dlt";

    /** The topic to redrive does not exist. */
    public static final class NoSuchTopic extends Exception {
        NoSuchTopic(String topic) {
            super("no topic " + topic);
        }
    }

    private final KafkaOptions kafka;

    public DeadLetterRedrive(KafkaOptions kafka) {
        this.kafka = kafka;
    }

    public DeadLetterRedrive(String bootstrapServers) {
        this(KafkaOptions.of(bootstrapServers));
    }

    /**
     * Redrives what the dead-letter topic holds now, and nothing that arrives meanwhile: a record that fails
     * again lands behind the end offsets taken at the start, so a redrive always ends. Answers how many
     * records went back.
     */
    public int redrive(String deadLetterTopic, Duration timeout) throws Exception {
        if (!isDeadLetterTopic(deadLetterTopic)) {
            // a live topic would be copied back into itself
            throw new IllegalArgumentException("not a dead-letter topic: " + deadLetterTopic);
        }
        try (var consumer = new KafkaConsumer<String, byte[]>(kafka.clientConfig(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, GROUP + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // asking for a misspelt topic must not create it
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)));
             var producer = new KafkaProducer<String, byte[]>(kafka.clientConfig(Map.of(
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)))) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, timeout).stream()
                    .map(info -> new TopicPartition(deadLetterTopic, info.partition())).toList();
            if (partitions.isEmpty()) {
                throw new NoSuchTopic(deadLetterTopic);
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), timeout);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata start = committed.get(partition);
                if (start == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, start.offset());
                }
            }
            int redriven = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("redrive of " + deadLetterTopic + " did not finish within " + timeout);
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    producer.send(backToOrigin(record, deadLetterTopic)).get();
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    redriven++;
                }
                consumer.commitSync(done);
                // positions past the snapshot are fine: what lies there is not ours to redrive this time
                for (TopicPartition partition : partitions) {
                    if (consumer.position(partition) > end.get(partition)) {
                        consumer.seek(partition, end.get(partition));
                    }
                }
            }
            return redriven;
        }
    }

    public static boolean isDeadLetterTopic(String topic) {
        return topic.endsWith(SUFFIX) && topic.length() > SUFFIX.length();
    }

    private static ProducerRecord<String, byte[]> backToOrigin(ConsumerRecord<String, byte[]> record, String deadLetterTopic) {
        Header origin = record.headers().lastHeader(ORIGINAL_TOPIC);
        String topic = origin != null ? new String(origin.value(), StandardCharsets.UTF_8)
                : deadLetterTopic.substring(0, deadLetterTopic.length() - SUFFIX.length());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("kafka_dlt-")) {
                headers.add(header);
            }
        }
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }
}
