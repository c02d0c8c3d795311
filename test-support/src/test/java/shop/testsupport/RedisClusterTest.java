package shop.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;

/** The cluster has formed over three masters that a client on the test's side reaches through their announced addresses. */
class RedisClusterTest {

    @Test
    void keysOfEverySlotRangeAreWrittenAndReadBack() {
        RedisClusterClient client = RedisClusterClient.create(Arrays.stream(RedisCluster.nodes().split(","))
                .map(node -> RedisURI.create("redis://" + node)).toList());
        try (var connection = client.connect()) {
            assertThat(connection.getPartitions().getPartitions()).hasSize(3)
                    .allSatisfy(node -> assertThat(node.getSlots()).isNotEmpty());
            for (String key : new String[]{"a", "b", "c", "d", "e", "f"}) {
                connection.sync().set(key, "value-" + key);
                assertThat(connection.sync().get(key)).isEqualTo("value-" + key);
            }
            assertThat(Arrays.stream(new String[]{"a", "b", "c", "d", "e", "f"})
                    .map(key -> connection.getPartitions().getPartitionBySlot(SlotHash.getSlot(key)).getNodeId())
                    .distinct()).as("keys on more than one master").hasSizeGreaterThan(1);
        } finally {
            client.shutdown();
        }
    }
}
