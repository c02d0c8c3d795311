package shop.tools;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;

import picocli.CommandLine.Option;

/**
 * Where Kafka is and how to reach it, for every tool that creates a Kafka client; {@link #clientConfig} is the
 * one place their configuration is built. Besides {@code --kafka-property}, the tools take the client
 * properties the services get in Kubernetes as Spring Boot environment variables (shop-config, shop-secrets):
 * {@code SPRING_KAFKA_SECURITY_PROTOCOL} and every {@code SPRING_KAFKA_PROPERTIES_*}, e.g.
 * {@code SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG} as {@code sasl.jaas.config}, so a Job reaches MSK as they do.
 */
public class KafkaOptions {

    static final String SECURITY_PROTOCOL_VARIABLE = "SPRING_KAFKA_SECURITY_PROTOCOL";
    static final String PROPERTIES_PREFIX = "SPRING_KAFKA_PROPERTIES_";

    // --kafka: the name the benchmarks took before they shared these options
    @Option(names = {"--bootstrap-servers", "--kafka"}, paramLabel = "HOST:PORT", defaultValue = "${SHOP_KAFKA:-localhost:9092}",
            description = "Kafka (default: ${DEFAULT-VALUE})")
    public String bootstrapServers;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "a Kafka client property, e.g. security.protocol=SASL_SSL; repeatable. Taken also from"
                    + " SPRING_KAFKA_SECURITY_PROTOCOL and SPRING_KAFKA_PROPERTIES_* (SPRING_KAFKA_PROPERTIES_SASL_MECHANISM:"
                    + " sasl.mechanism), as the services are configured; this option wins")
    public Map<String, String> properties = new LinkedHashMap<>();

    /** Kafka at {@code bootstrapServers}, with no properties but the environment's: for code that runs the tools' classes. */
    public static KafkaOptions of(String bootstrapServers) {
        KafkaOptions options = new KafkaOptions();
        options.bootstrapServers = bootstrapServers;
        return options;
    }

    /** {@code own} (serializers, group...), then the environment's properties, then {@code --kafka-property}. */
    public Map<String, Object> clientConfig(Map<String, Object> own) {
        Map<String, Object> config = new LinkedHashMap<>(own);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(fromEnvironment(System.getenv()));
        config.putAll(properties);
        return config;
    }

    /** Client properties in Spring Boot's environment variables, named as Spring's relaxed binding names them. */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> properties = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.equals(SECURITY_PROTOCOL_VARIABLE)) {
                properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, value);
            } else if (name.startsWith(PROPERTIES_PREFIX) && name.length() > PROPERTIES_PREFIX.length()) {
                properties.put(name.substring(PROPERTIES_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return properties;
    }
}
