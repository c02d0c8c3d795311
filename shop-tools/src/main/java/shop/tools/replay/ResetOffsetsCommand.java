package shop.tools.replay;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import shop.tools.KafkaOptions;

/** {@code ./shop replay reset-offsets --group G --to-earliest|--to-datetime T}. */
@Command(name = "reset-offsets", mixinStandardHelpOptions = true,
        description = "Move a consumer group's committed offsets back (or forward) so that it consumes again from there."
                + " Refuses, with exit code 3, while the group has members: stop its consumers first.")
public class ResetOffsetsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--group", required = true, description = "the consumer group")
    String group;

    @Option(names = "--topic", split = ",",
            description = "topics to reset (default: those the group has committed offsets for)")
    Set<String> topics;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static class Target {
        @Option(names = "--to-earliest", required = true, description = "the first record still in each partition")
        boolean earliest;

        @Option(names = "--to-datetime", required = true, description = "the first record at or after this instant, e.g. 2026-11-24T22:00:00Z")
        Instant datetime;
    }

    @Override
    public Integer call() throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(Set.of(group)).describedGroups().get(group)
                    .get(10, TimeUnit.SECONDS);
            if (!description.members().isEmpty()) {
                System.err.printf("reset-offsets: refused: group %s has %d active member(s) (%s); stop its consumers first%n",
                        group, description.members().size(),
                        description.members().stream().map(member -> member.clientId() + "@" + member.host()).collect(Collectors.joining(", ")));
                return ReplayCommand.REFUSED;
            }
            Set<String> resetTopics = topics;
            if (resetTopics == null || resetTopics.isEmpty()) {
                resetTopics = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                        .keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
            }
            if (resetTopics.isEmpty()) {
                System.err.println("reset-offsets: group " + group + " has no committed offsets; name the topics with --topic");
                return 1;
            }
            OffsetSpec spec = target.earliest ? OffsetSpec.earliest() : OffsetSpec.forTimestamp(target.datetime.toEpochMilli());
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(resetTopics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, info) ->
                    info.partitions().forEach(partition -> {
                        request.put(new TopicPartition(topic, partition.partition()), spec);
                        ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
                    }));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            found.forEach((partition, info) -> offsets.put(partition,
                    // no record at or after the time: the end, so nothing is consumed again there
                    new OffsetAndMetadata(info.offset() < 0 ? latest.get(partition).offset() : info.offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get(10, TimeUnit.SECONDS);
            offsets.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::toString)))
                    .forEach(entry -> System.out.printf("  %s -> %d%n", entry.getKey(), entry.getValue().offset()));
            System.out.printf("reset-offsets: group %s, %d partitions of %s reset to %s%n", group, offsets.size(),
                    String.join(", ", resetTopics), target.earliest ? "the earliest records" : target.datetime);
            return 0;
        }
    }
}
