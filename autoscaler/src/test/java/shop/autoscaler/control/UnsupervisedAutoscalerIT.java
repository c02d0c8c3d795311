package shop.autoscaler.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import shop.autoscaler.workers.WorkerSupervisor;
import shop.testsupport.SharedContainers;

/**
 * The autoscaler as Kubernetes runs it ({@code shop.autoscaler.workers.supervise=false}): it starts no worker,
 * counts the group's members as the workers, and publishes the count it wants at {@code GET /api/autoscaler}
 * for KEDA's metrics-api trigger.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shop.autoscaler.workers.supervise=false",
        "shop.autoscaler.poll-interval=500ms",
        "shop.autoscaler.mode=keda"})
class UnsupervisedAutoscalerIT {

    static final String GROUP = "unsupervised-it-" + UUID.randomUUID();
    static final String TOPIC = "unsupervised-it-" + UUID.randomUUID();
    static KafkaConsumer<String, String> member;

    @Autowired
    TestRestTemplate http;

    @Autowired
    WorkerSupervisor supervisor;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        SharedContainers.start();
        registry.add("spring.kafka.bootstrap-servers", SharedContainers.KAFKA::getBootstrapServers);
        registry.add("shop.autoscaler.group", () -> GROUP);
        registry.add("shop.autoscaler.topics", () -> TOPIC);
    }

    @BeforeAll
    static void backlogAndOneMember() throws Exception {
        SharedContainers.start();
        String bootstrap = SharedContainers.KAFKA.getBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 4, (short) 1))).all().get();
            for (int i = 0; i < 400; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "key-" + i, "event-" + i)).get();
            }
        }
        // a worker that joined the group and has committed nothing yet: one member, the whole topic as lag
        member = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        // paused as soon as it gets its partitions: it stays a member and never moves a position, so the lag
        // stays the whole topic whatever it commits
        member.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                member.pause(partitions);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            member.poll(Duration.ofMillis(200));
            return !member.assignment().isEmpty();
        });
    }

    @AfterAll
    static void leave() {
        member.close();
    }

    @Test
    void countsTheGroupsMembersAndPublishesTheCountItWantsWithoutStartingWorkers() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            member.poll(Duration.ofMillis(10));
            @SuppressWarnings("unchecked")
            Map<String, Object> state = http.getForObject("/api/autoscaler", Map.class);
            assertThat(state.get("mode")).isEqualTo("keda");
            assertThat(state.get("workers")).as("the group's members").isEqualTo(1);
            assertThat(((Number) state.get("totalLag")).longValue()).isEqualTo(400);
            // KEDA's rule: ceil(400 / lagThreshold 10) = 40, capped at the 4 partitions
            assertThat(state.get("desiredWorkers")).isEqualTo(4);
        });
        assertThat(supervisor.workers()).as("worker processes started").isEmpty();
    }

    @Test
    void errorsAreProblemDetailsAndHealthShowsNoDetails() {
        for (var answer : List.of(http.postForEntity("/api/autoscaler", null, String.class),
                http.getForEntity("/api/no-such-thing", String.class))) {
            assertThat(answer.getStatusCode().is4xxClientError()).as(answer.toString()).isTrue();
            assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(answer.getBody()).contains("\"status\":" + answer.getStatusCode().value(), "\"title\":");
        }
        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"").doesNotContain("components");
    }
}
