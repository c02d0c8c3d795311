package shop.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The Kafka client settings the tools build from Spring's environment variables and --kafka-property. */
class KafkaOptionsTest {

    @Command
    static class Tool {
        @Mixin
        KafkaOptions kafka;
    }

    @Test
    void springsVariablesBecomeClientPropertiesAsRelaxedBindingNamesThem() {
        assertThat(KafkaOptions.fromEnvironment(Map.of(
                "SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "ScramLoginModule required username=\"u\" password=\"p\";",
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", "b:9096",
                "SPRING_DATA_REDIS_PASSWORD", "secret")))
                .isEqualTo(Map.of(
                        "security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "ScramLoginModule required username=\"u\" password=\"p\";"));
    }

    @Test
    void theOptionWinsOverTheToolsOwnSettings() {
        Tool tool = new Tool();
        new CommandLine(tool).parseArgs("--bootstrap-servers", "b:9096",
                "--kafka-property", "security.protocol=SSL", "--kafka-property", "acks=1");
        assertThat(tool.kafka.clientConfig(Map.of("acks", "all", "client.id", "tool")))
                .containsEntry("bootstrap.servers", "b:9096")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("acks", "1")
                .containsEntry("client.id", "tool");
    }
}
