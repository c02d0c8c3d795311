package shop.tools.bench;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.contracts.view.CartView;
import shop.contracts.view.CartViewFold;
import shop.contracts.view.ViewKeys;
import shop.tools.KafkaOptions;
import shop.tools.RedisOptions;

/**
 * The cache-projector's catch-up throughput against what Redis allows for the same work. It produces N cart
 * events in the real envelope to a fresh topic, starts one real projector worker (a separate JVM) on that topic
 * and times it, once the first fifth of the events has warmed its JVM up, until all N are applied (its
 * {@code projector_events_total} counter).
 * Then, in the same run, it replays the very Redis traffic of that work from a plain Lettuce client: the same
 * batches (read back with the projector's {@code max.poll.records}), per batch one pipelined HMGET of the
 * batch's views and one pipelined EVALSHA of the projector's compare-and-set script (its PUBLISH included) per
 * view, with the same JSON, against fresh keys, timed after the batches of the same warm-up. No Kafka, no
 * decoding, no folding in the timed part: what one sequential worker could reach if Redis round trips were all
 * it did.
 */
@Command(name = "projector", mixinStandardHelpOptions = true,
        description = "Projector catch-up events/s vs. the same Redis compare-and-set traffic from a plain client (needs ./shop up)")
public class ProjectorBenchmark implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "1000000", description = "cart events to project (default: ${DEFAULT-VALUE})")
    int events;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    RedisOptions redisOptions;

    @Option(names = "--projector-jar", defaultValue = "cache-projector/target/cache-projector-0.1.0-SNAPSHOT-exec.jar",
            description = "the worker to start (default: ${DEFAULT-VALUE})")
    File projectorJar;

    @Option(names = "--catalog-url", defaultValue = "http://localhost:8081",
            description = "cart-service, for real product names and prices in the events (default: ${DEFAULT-VALUE})")
    String catalogUrl;

    @Option(names = "--partitions", defaultValue = "12", description = "(default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--active-carts", defaultValue = "2000", description = "carts receiving events at once (default: ${DEFAULT-VALUE})")
    int activeCarts;

    @Option(names = "--max-poll-records", defaultValue = "500",
            description = "the projector's batch size, for the replay's batches (default: ${DEFAULT-VALUE}, as in its application.yml)")
    int maxPollRecords;

    @Option(names = "--warm-up-events", description = "of the N events, how many at the start warm up the worker's JVM "
            + "(class loading, JIT compilation) and are not timed; the replay warms up on the same ones (default: a fifth)")
    Integer warmUpEvents;

    @Option(names = "--worker-jvm-option", description = "a JVM option for the worker, repeatable (default: none, the JVM's defaults as in the service image)")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "PT30M", description = "give up on the worker after this long (default: ${DEFAULT-VALUE})")
    Duration timeout;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        // one plain connection to one server is the baseline: the replay is one worker's traffic as it reaches Redis
        String redisUri = redisOptions.singleServer("it replays one worker's Redis traffic on one connection to one server");
        if (!projectorJar.isFile()) {
            System.err.println("no projector jar at " + projectorJar + "; build it (./mvnw -pl cache-projector -am package -DskipTests)");
            return 2;
        }
        int warmUp = warmUpEvents == null ? events / 5 : warmUpEvents;
        if (warmUp < 0 || warmUp >= events) {
            System.err.println("--warm-up-events must be at least 0 and less than --events");
            return 2;
        }
        long stamp = System.currentTimeMillis();
        String cartTopic = "bench.cart.events." + stamp;
        String orderTopic = "bench.order.events." + stamp;
        String salt = "replay-" + stamp + "-";
        System.out.printf("projector benchmark: %,d cart events (the first %,d warm up, the rest are timed), topic %s (%d partitions), %d carts active at once%n",
                events, warmUp, cartTopic, partitions, activeCarts);
        CartStreams streams = new CartStreams(stamp, CartStreams.catalog(catalogUrl), activeCarts, 10_000, 3, 17);
        String result;
        RedisClient redisClient = RedisClient.create(redisUri);
        try (Admin admin = Admin.create(kafka.clientConfig(Map.of()));
             StatefulRedisConnection<String, String> connection = redisClient.connect()) {
            try {
                admin.createTopics(List.of(new NewTopic(cartTopic, partitions, (short) 1),
                        new NewTopic(orderTopic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                produce(streams, cartTopic);

                double projectorRate = runWorker(cartTopic, orderTopic, stamp, redisUri, warmUp);

                System.out.println("replay: reading the topic back into the projector's batches ...");
                List<Batch> plan = plan(cartTopic, salt);
                long writes = plan.stream().mapToLong(batch -> batch.keys.length).sum();
                System.out.printf("  %,d batches, %,d view writes (%.1f events per write), mean view JSON %.0f bytes%n",
                        plan.size(), writes, (double) events / writes,
                        plan.stream().flatMap(b -> java.util.Arrays.stream(b.json)).mapToInt(String::length).average().orElse(0));
                Replayed replayed = replay(connection, plan, warmUp);
                double redisRate = replayed.events / (replayed.nanos / 1e9);
                System.out.printf("  redis replay: %,d events after the warm-up in %.2f s: %.0f events/s, %.0f Redis commands/s (%,d HMGET + %,d EVALSHA), %d writes refused%n",
                        replayed.events, replayed.nanos / 1e9, redisRate, replayed.commands / (replayed.nanos / 1e9),
                        replayed.commands / 2, replayed.commands / 2, replayed.refused);
                BenchCommand.printMachineLoad();
                result = "projector: %.0f events/s, redis limit: %.0f ops/s, ratio %.2f".formatted(
                        projectorRate, redisRate, projectorRate / redisRate);
            } finally {
                cleanUp(admin, connection, streams.cartIds(), salt, cartTopic, orderTopic);
            }
        } finally {
            redisClient.shutdown();
        }
        // after the clean-up's lines: the result is the last line, the one scripts read
        System.out.println(result);
        return 0;
    }

    // ---------------------------------------------------------------- producing

    private void produce(CartStreams streams, String topic) throws Exception {
        Map<String, Object> config = kafka.clientConfig(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024)));
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (int i = 1; i <= events; i++) {
                EventEnvelope envelope = streams.next();
                bytes.addAndGet(envelope.data().length);
                producer.send(envelope.toRecord(topic), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                if (failure.get() != null) {
                    throw failure.get();
                }
                if (i % 200_000 == 0) {
                    System.out.printf("  produced %,d%n", i);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        System.out.printf("  produced %,d events of %,d carts in %.1f s (mean event JSON %d bytes)%n", events,
                streams.cartIds().size(), (System.nanoTime() - start) / 1e9, bytes.get() / events);
    }

    // ---------------------------------------------------------------- the real worker

    /**
     * The worker's rate over the events after the first {@code warmUp}: from the first scrape that finds the
     * warm-up done to the one that finds every event done. A fresh worker spends its first seconds loading
     * classes and compiling its hot paths (C2 compilations were a third of its CPU over a whole 1,000,000-event
     * run), which is not the throughput it keeps; the whole run's rate is printed too.
     */
    private double runWorker(String cartTopic, String orderTopic, long stamp, String redisUri, int warmUp) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("bench-projector-" + stamp + "-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(workerJvmOptions);
        command.addAll(List.of("-jar", projectorJar.getPath(),
                "--server.port=" + port,
                "--shop.projector.cart-topic=" + cartTopic,
                "--shop.projector.order-topic=" + orderTopic,
                "--spring.kafka.consumer.group-id=bench-" + stamp,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers,
                "--spring.data.redis.url=" + redisUri));
        // the worker reads SPRING_KAFKA_* from the environment it inherits; --kafka-property it gets as Spring's
        kafka.properties.forEach((key, value) -> command.add("--spring.kafka.properties." + key + "=" + value));
        System.out.println("worker: starting one cache-projector on port " + port + " (log " + log + ")");
        Process worker = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread killer = new Thread(worker::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killer);
        URI metrics = URI.create("http://localhost:" + port + "/actuator/prometheus");
        long launched = System.nanoTime();
        long deadline = launched + timeout.toNanos();
        long firstNanos = 0;
        double firstApplied = 0;
        long warmedNanos = 0;
        double warmedDone = 0;
        long lastReport = 0;
        try {
            while (true) {
                if (!worker.isAlive()) {
                    throw new IllegalStateException("the worker exited with " + worker.exitValue() + "; see " + log);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the worker did not apply all events within " + timeout + "; see " + log);
                }
                Map<String, Double> counters = counters(metrics, cartTopic);
                long now = System.nanoTime();
                double applied = counters.getOrDefault("applied", 0.0);
                if (applied > 0 && firstNanos == 0) {
                    firstNanos = now;
                    firstApplied = applied;
                    lastReport = now;
                    System.out.printf("  first views written %.1f s after the worker's launch%n", (now - launched) / 1e9);
                }
                // every event has an outcome: a batch retried after a failure finds some of its events applied
                // already and counts them as skipped, so waiting for `applied` alone could wait for ever
                double done = applied + counters.getOrDefault("skipped", 0.0) + counters.getOrDefault("failed", 0.0);
                if (applied > 0 && warmedNanos == 0 && done >= warmUp) {
                    warmedNanos = now;
                    warmedDone = done;
                    System.out.printf("  warm-up done: %,.0f events done %.1f s after the first write%n", done, (now - firstNanos) / 1e9);
                }
                if (done >= events) {
                    double wholeRun = firstApplied >= events ? events / ((now - launched) / 1e9)
                            : (events - firstApplied) / ((now - firstNanos) / 1e9);
                    double rate = warmedDone >= events ? wholeRun : (events - warmedDone) / ((now - warmedNanos) / 1e9);
                    System.out.printf("  all %,d projected %.2f s after the first write (applied %.0f, skipped %.0f, failed %.0f, gaps %.0f): %.0f events/s over the whole run%n",
                            events, (now - firstNanos) / 1e9, applied, counters.getOrDefault("skipped", 0.0),
                            counters.getOrDefault("failed", 0.0), counters.getOrDefault("gaps", 0.0), wholeRun);
                    System.out.printf("  after the warm-up: %,.0f events in %.2f s: %.0f events/s%n",
                            events - warmedDone, (now - warmedNanos) / 1e9, rate);
                    return rate;
                }
                if (firstNanos != 0 && now - lastReport > 2_000_000_000L) {
                    lastReport = now;
                    System.out.printf("  applied %,.0f / %,d (%.0f events/s so far)%n", applied, events,
                            (applied - firstApplied) / Math.max(1e-9, (now - firstNanos) / 1e9));
                }
                Thread.sleep(firstNanos == 0 ? 100 : nextScrapeMillis(events - applied, (applied - firstApplied) / ((now - firstNanos) / 1e9)));
            }
        } finally {
            worker.destroy();
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Runtime.getRuntime().removeShutdownHook(killer);
            System.out.println("worker: stopped");
        }
    }

    /**
     * A scrape renders every metric of the worker, which costs it as much CPU as a few hundred events, so the
     * bench scrapes about once a second and more often only near the estimated end, which it times to ~20 ms.
     */
    private static long nextScrapeMillis(double remaining, double eventsPerSecond) {
        if (eventsPerSecond <= 0) {
            return 1000;
        }
        return (long) Math.max(20, Math.min(1000, remaining / eventsPerSecond * 1000 / 2));
    }

    /** The worker's {@code projector_events_total} by result (and {@code gaps}) for {@code topic}; empty while it starts. */
    private Map<String, Double> counters(URI metrics, String topic) {
        Map<String, Double> counters = new HashMap<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return counters;
            }
            String topicLabel = "topic=\"" + topic + "\"";
            for (String line : response.body().split("\n")) {
                if (!line.contains(topicLabel)) {
                    continue;
                }
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("projector_events_total{")) {
                    for (String result : List.of("applied", "skipped", "failed")) {
                        if (line.contains("result=\"" + result + "\"")) {
                            counters.put(result, value);
                        }
                    }
                } else if (line.startsWith("projector_gaps_total{")) {
                    counters.put("gaps", value);
                }
            }
        } catch (java.io.IOException e) {
            // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return counters;
    }

    // ---------------------------------------------------------------- the Redis replay

    /** One projector batch as Redis sees it: the views it reads, then the compare-and-set of each. */
    record Batch(String[] keys, String[] expected, String[] version, String[] json, int events) {
    }

    record Replayed(long events, long nanos, long commands, long refused) {
    }

    /** The topic read back in the projector's batch size, grouped per view and folded as the projector folds. */
    private List<Batch> plan(String topic, String salt) throws Exception {
        Map<String, Object> config = kafka.clientConfig(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        List<Batch> plan = new ArrayList<>();
        Map<String, CartView> views = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> all = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (read < events) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read back only " + read + " of " + events + " events");
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofSeconds(1));
                if (records.isEmpty()) {
                    continue;
                }
                Map<String, List<EventEnvelope>> byCart = new LinkedHashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    EventEnvelope envelope = EventEnvelope.from(record);
                    byCart.computeIfAbsent(envelope.subject(), id -> new ArrayList<>()).add(envelope);
                }
                int n = byCart.size();
                Batch batch = new Batch(new String[n], new String[n], new String[n], new String[n], records.count());
                int i = 0;
                for (Map.Entry<String, List<EventEnvelope>> cart : byCart.entrySet()) {
                    CartView view = views.get(cart.getKey());
                    batch.expected[i] = view == null ? "" : Long.toString(view.version());
                    for (EventEnvelope envelope : cart.getValue()) {
                        view = CartViewFold.apply(view, EventCodec.decode(envelope), envelope.sequence());
                    }
                    views.put(cart.getKey(), view);
                    String replayId = replayId(salt, cart.getKey());
                    batch.keys[i] = ViewKeys.Family.CARTS.key(0, replayId);
                    batch.version[i] = Long.toString(view.version());
                    // same length as the original id, so the same JSON size
                    batch.json[i] = json.writeValueAsString(view).replace(cart.getKey(), replayId);
                    i++;
                }
                plan.add(batch);
                read += records.count();
            }
        }
        return plan;
    }

    private static String replayId(String salt, String cartId) {
        return UUID.nameUUIDFromBytes((salt + cartId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Batch after batch on one connection, as the projector's one listener thread does: each round trip's commands
     * are written in one flush and awaited together, as the projector's pipelines are.
     */
    private Replayed replay(StatefulRedisConnection<String, String> connection, List<Batch> plan, int warmUp) {
        String sha = connection.sync().scriptLoad(ViewKeys.COMPARE_AND_SET);
        // the batches that carry the worker's warm-up events, untimed; later writes expect the versions they leave
        int warmUpBatches = 0;
        for (int carried = 0; carried < warmUp && warmUpBatches < plan.size(); warmUpBatches++) {
            carried += plan.get(warmUpBatches).events;
        }
        connection.setAutoFlushCommands(false);
        try {
            Replayed warmedUp = run(connection, sha, plan.subList(0, warmUpBatches));
            Replayed timed = run(connection, sha, plan.subList(warmUpBatches, plan.size()));
            return new Replayed(timed.events, timed.nanos, timed.commands, warmedUp.refused + timed.refused);
        } finally {
            connection.setAutoFlushCommands(true);
        }
    }

    private static Replayed run(StatefulRedisConnection<String, String> connection, String sha, List<Batch> plan) {
        RedisAsyncCommands<String, String> redis = connection.async();
        long commands = 0;
        long refused = 0;
        long applied = 0;
        long start = System.nanoTime();
        for (Batch batch : plan) {
            List<RedisFuture<List<KeyValue<String, String>>>> reads = new ArrayList<>(batch.keys.length);
            for (String key : batch.keys) {
                reads.add(redis.hmget(key, ViewKeys.JSON_FIELD, ViewKeys.VERSION_FIELD));
            }
            connection.flushCommands();
            await(reads);
            List<RedisFuture<Long>> writes = new ArrayList<>(batch.keys.length);
            for (int i = 0; i < batch.keys.length; i++) {
                writes.add(redis.evalsha(sha, ScriptOutputType.INTEGER, new String[]{batch.keys[i]},
                        batch.expected[i], batch.version[i], batch.json[i]));
            }
            connection.flushCommands();
            await(writes);
            for (RedisFuture<Long> write : writes) {
                if (!Long.valueOf(1).equals(write.toCompletableFuture().getNow(null))) {
                    refused++;
                }
            }
            commands += 2L * batch.keys.length;
            applied += batch.events;
        }
        return new Replayed(applied, System.nanoTime() - start, commands, refused);
    }

    private static void await(List<? extends RedisFuture<?>> futures) {
        if (!LettuceFutures.awaitAll(Duration.ofSeconds(30), futures.toArray(RedisFuture[]::new))) {
            throw new IllegalStateException("Redis did not answer within 30 s");
        }
    }

    // ---------------------------------------------------------------- cleaning up

    private void cleanUp(Admin admin, StatefulRedisConnection<String, String> connection, List<String> cartIds,
                         String salt, String cartTopic, String orderTopic) {
        try {
            Set<String> bench = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(cartTopic) || name.startsWith(orderTopic))
                    .collect(Collectors.toSet());
            admin.deleteTopics(bench).all().get(60, TimeUnit.SECONDS);
            System.out.println("cleanup: deleted topics " + bench.stream().sorted().toList());
        } catch (Exception e) {
            System.err.println("cleanup: could not delete the bench topics: " + e);
        }
        try {
            RedisAsyncCommands<String, String> redis = connection.async();
            // the worker wrote to the generation readers use; the plain-client replay to generation 0
            long generation = ViewKeys.generation(connection.sync().hget(ViewKeys.Family.CARTS.control(), ViewKeys.CURRENT_FIELD));
            long deleted = 0;
            for (int from = 0; from < cartIds.size(); from += 1000) {
                List<String> chunk = cartIds.subList(from, Math.min(cartIds.size(), from + 1000));
                String[] keys = new String[chunk.size() * 2];
                for (int i = 0; i < chunk.size(); i++) {
                    keys[2 * i] = ViewKeys.Family.CARTS.key(generation, chunk.get(i));
                    keys[2 * i + 1] = ViewKeys.Family.CARTS.key(0, replayId(salt, chunk.get(i)));
                }
                deleted += redis.unlink(keys).get(30, TimeUnit.SECONDS);
            }
            System.out.printf("cleanup: deleted %,d bench views from Redis%n", deleted);
        } catch (Exception e) {
            System.err.println("cleanup: could not delete the bench views: " + e);
        }
    }
}
