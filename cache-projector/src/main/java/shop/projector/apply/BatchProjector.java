package shop.projector.apply;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.contracts.envelope.MalformedEnvelopeException;
import shop.contracts.view.ViewKeys;
import shop.projector.apply.ViewStore.Write;

/**
 * Applies each polled batch to the views: one pipelined read of every view the batch touches, the events
 * folded in memory in partition order, one pipelined compare-and-set write per view. A batch's offsets are
 * committed only once Redis has confirmed its writes, so every committed offset is in Redis.
 *
 * <p>A full poll with more records behind it (a backlog) is not waited for: its writes stay in flight while the
 * next poll is fetched and decoded, and are confirmed, and their offsets committed, before that next batch writes
 * anything; otherwise the worker's one thread and Redis took turns, each idle while the other worked. The views
 * the batch in flight writes are not read by the next one: once confirmed they are what was written. If its
 * writes cannot be confirmed (Redis failed, a race kept being lost, a gap appeared), the consumer is sought back
 * to the batch's first records and it is delivered again, which the version check makes harmless; it then goes
 * the usual way. The worker confirms a batch in flight also when idle and before its partitions are revoked or it
 * stops ({@link OffsetCommits}). A partial poll, the poll that ends a backlog, and any batch with a record that
 * cannot be applied, are confirmed at once.
 *
 * <p>Each view stores the sequence number of its last event. An event at or below it is skipped, which makes
 * redelivery harmless; an event beyond the next one is a gap and is not applied. When a record cannot be
 * applied (a gap, or a record that is no event at all) the batch fails at that record: the error handler
 * commits what came before it, retries from it and, after bounded retries, dead-letters it.
 *
 * <p>The log line of an applied event is written in a span that continues the trace in the record's
 * {@code ce_traceparent}, so it carries the ids of the request that caused the event. The span is made only when
 * that line is logged: spans here have no exporter, and one per record cost a sixth of the worker's CPU.
 *
 * <p>Keys depend on each family's generation, read once per batch in the same round trip as the views: the
 * keys are made with the generations the previous batch saw, and made and read again only when a rebuild has
 * switched generations since. While a rebuild fills a new generation
 * ({@code ./shop replay rebuild}), each batch is applied to it as well, first and leniently: an event that
 * follows the building view is applied, one it already holds is skipped, and an aggregate whose building view
 * is further behind is marked dirty for the rebuild to fold again from the event store. Doing this before the
 * current generation's write means no reader can have seen an event in the current generation that the
 * building one neither holds nor lists as dirty when the rebuild switches.
 */
@Component
class BatchProjector {

    private static final Logger log = LoggerFactory.getLogger(BatchProjector.class);
    private static final int MAX_WRITE_ATTEMPTS = 5;

    private final Projections projections;
    private final ViewStore store;
    private final ObjectMapper json;
    private final ProjectorMetrics metrics;
    private final Tracer tracer;
    private final Propagator propagator;
    private final WrittenViews writtenViews;
    /** Records per poll at most: a poll that brings this many is followed by more. */
    private final int fullPoll;
    /** What the previous batch read; only the consumer's thread uses it. */
    private Generations lastSeen = Generations.INITIAL;
    /** The previous batch, written but not yet confirmed, if any; only the consumer's thread uses it. */
    private InFlight inFlight;

    /** Without tracing ({@code management.tracing.enabled=false}) Boot supplies a no-op tracer and no propagator. */
    BatchProjector(Projections projections, ViewStore store, ObjectMapper json, ProjectorMetrics metrics,
                   Tracer tracer, ObjectProvider<Propagator> propagator, ProjectorProperties properties, KafkaProperties kafka) {
        this.projections = projections;
        this.store = store;
        this.json = json;
        this.metrics = metrics;
        this.tracer = tracer;
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
        this.writtenViews = new WrittenViews(properties.writtenViews());
        // the Kafka client's own default when the property is not set
        this.fullPoll = Objects.requireNonNullElse(kafka.getConsumer().getMaxPollRecords(), 500);
    }

    // the group comes from spring.kafka.consumer.group-id (cache-projector), so a benchmark can run a worker apart
    @KafkaListener(id = "cache-projector", idIsGroup = false, topics = "#{@projections.topics()}", batch = "true")
    void project(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        try {
            projectBatch(records, consumer);
        } catch (DataAccessException e) {
            // Redis is down or slow: no record's fault, so none may be dead-lettered; the error handler retries
            // from the batch's first record until Redis is back
            throw new BatchListenerFailedException("Redis unavailable: " + e.getMessage(), new RedisUnavailable(e), 0);
        }
    }

    private void projectBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        Generations assumed = lastSeen;
        InFlight previous = inFlight;
        Set<String> written = previous == null ? Set.of() : previous.keys();
        DecodedBatch batch = new DecodedBatch(records.size());
        // each view's read goes out while the rest of the batch is still being decoded (and Redis runs the previous
        // batch's writes); the views that batch writes are not read
        ViewStore.Snapshot snapshot = store.readWithGenerations(read -> decode(records, assumed, batch, key -> {
            if (!written.contains(key)) {
                read.accept(key);
            }
        }));
        if (!confirmInFlight(consumer, false)) {
            // the previous batch is delivered again from its first records, then this one
            Map<TopicPartition, Long> again = firstOffsets(records);
            again.keySet().removeAll(previous.firstOffsets().keySet());
            seek(consumer, again);
            return;
        }
        Map<String, List<Decoded>> byView = batch.byView;
        Map<String, StoredView> current;
        Generations generations = snapshot.generations();
        if (generations.sameCurrentAs(assumed)) {
            current = withConfirmed(snapshot.views(), byView.keySet(), written);
        } else {
            byView = byView(batch.events, generations);
            current = store.read(new ArrayList<>(byView.keySet()));
        }
        lastSeen = generations;
        applyToBuilding(generations, byView.values());
        Sent sent = send(byView, current, generations);
        if (batch.failure == null && sent.outcome().gap() == null && records.size() >= fullPoll && backlog(consumer)) {
            inFlight = new InFlight(sent, offsets(records), firstOffsets(records));
            return;
        }
        Outcome outcome = confirm(sent, 1);
        int failedAt = batch.failedAt;
        RuntimeException failure = batch.failure;
        if (outcome.gapAt() < failedAt) {
            failedAt = outcome.gapAt();
            failure = outcome.gap();
        }
        if (failure != null) {
            throw new BatchListenerFailedException(failure.getMessage(), failure, failedAt);
        }
        consumer.commitAsync(offsets(records), null);
    }

    /**
     * Whether more records wait behind this poll, as far as the consumer's last fetch knows: a full poll may just as
     * well be the end of a backlog, and then no next batch would come soon to confirm it. A partition whose lag is
     * not known yet (never fetched) counts as none: wrongly confirming at once costs a round trip's wait, wrongly
     * leaving the batch in flight its confirmation until the next poll returns, a poll timeout when none comes.
     */
    private static boolean backlog(Consumer<?, ?> consumer) {
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent() && lag.getAsLong() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits for the writes of the batch in flight, if any, retries its lost races and commits its offsets ({@code
     * waitForCommit}: synchronously). Answers false if it could not: the batch is then no longer in flight and
     * the consumer has been sought back to its first records, so that it is delivered again. Called on the
     * consumer's thread only: by the listener, and by {@link OffsetCommits} when idle or losing partitions.
     */
    boolean confirmInFlight(Consumer<?, ?> consumer, boolean waitForCommit) {
        InFlight flight = inFlight;
        if (flight == null) {
            return true;
        }
        inFlight = null;
        try {
            Outcome outcome = confirm(flight.sent(), 1);
            if (outcome.gap() != null) {
                throw outcome.gap();
            }
        } catch (RuntimeException e) {
            log.warn("the writes of a batch could not be confirmed, so it is delivered again: {}", e.toString());
            seek(consumer, flight.firstOffsets());
            return false;
        }
        if (waitForCommit) {
            consumer.commitSync(flight.offsets());
        } else {
            consumer.commitAsync(flight.offsets(), null);
        }
        return true;
    }

    /** Gives up on the batch in flight (its partitions were lost): its records will be delivered again. */
    void abandonInFlight(Consumer<?, ?> consumer) {
        if (inFlight != null) {
            inFlight.sent().writes().abandon();
            seek(consumer, inFlight.firstOffsets());
            inFlight = null;
        }
    }

    /** The views as read, and those the previous batch wrote as it wrote them, now that its writes are confirmed. */
    private Map<String, StoredView> withConfirmed(Map<String, StoredView> read, Collection<String> keys, Set<String> written) {
        Map<String, StoredView> current = new HashMap<>(read);
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            if (written.contains(key)) {
                WrittenViews.Written latest = writtenViews.latest(key);
                if (latest != null) {
                    // no JSON: the fold starts from the kept object at this version
                    current.put(key, new StoredView(null, latest.version()));
                } else {
                    unknown.add(key);
                }
            }
        }
        if (!unknown.isEmpty()) {
            current.putAll(store.read(unknown));
        }
        return current;
    }

    /** Seeks each partition, if still assigned, back to the offset given. */
    private static void seek(Consumer<?, ?> consumer, Map<TopicPartition, Long> offsets) {
        Set<TopicPartition> assigned = consumer.assignment();
        offsets.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    /** What to commit once the records are applied: per partition, the offset after the last one. */
    private static Map<TopicPartition, OffsetAndMetadata> offsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return offsets;
    }

    private static Map<TopicPartition, Long> firstOffsets(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        return offsets;
    }

    /**
     * Decodes the records in order into {@code batch}, grouped by the key of their view in the {@code assumed}
     * generations, handing each key to {@code read} when it first appears; stops at the first unreadable record.
     */
    private void decode(List<ConsumerRecord<String, byte[]>> records, Generations assumed, DecodedBatch batch,
                        java.util.function.Consumer<String> read) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                Projection<?> projection = projections.forTopic(record.topic());
                EventEnvelope envelope = EventEnvelope.from(record);
                Object event = EventCodec.decode(envelope);
                Decoded decoded = new Decoded(i, projection, envelope.subject(), envelope.sequence(), envelope.time(),
                        event, envelope.traceparent());
                batch.events.add(decoded);
                group(batch.byView, decoded, assumed, read);
            } catch (MalformedEnvelopeException e) {
                log.warn("unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                metrics.failed(record.topic());
                batch.failedAt = i;
                batch.failure = e;
                return;
            }
        }
    }

    /** The batch's events by the key of their view in the current generation, in partition order per view. */
    private static Map<String, List<Decoded>> byView(List<Decoded> decoded, Generations generations) {
        Map<String, List<Decoded>> byView = new LinkedHashMap<>();
        decoded.forEach(event -> group(byView, event, generations, key -> {
        }));
        return byView;
    }

    private static void group(Map<String, List<Decoded>> byView, Decoded event, Generations generations,
                              java.util.function.Consumer<String> newKey) {
        ViewKeys.Family family = event.projection().family();
        String key = family.key(generations.currentOf(family), event.aggregateId());
        List<Decoded> events = byView.get(key);
        if (events == null) {
            events = new ArrayList<>();
            byView.put(key, events);
            newKey.accept(key);
        }
        events.add(event);
    }

    /** The lenient write to generations being rebuilt; see the class comment. */
    private void applyToBuilding(Generations generations, Iterable<List<Decoded>> views) {
        Map<String, List<Decoded>> byKey = new LinkedHashMap<>();
        List<ViewStore.IndexWrite> indexWrites = new ArrayList<>();
        for (List<Decoded> events : views) {
            Decoded first = events.get(0);
            Long building = generations.buildingOf(first.projection().family());
            if (building != null) {
                byKey.put(first.projection().family().key(building, first.aggregateId()), events);
            }
            for (Decoded event : events) {
                for (Projection.IndexEntry entry : event.projection().indexEntries(event.event(), event.time())) {
                    Long indexBuilding = generations.buildingOf(entry.family());
                    if (indexBuilding != null) {
                        indexWrites.add(new ViewStore.IndexWrite(entry.family().key(indexBuilding, entry.owner()), entry.member(), entry.score()));
                    }
                }
            }
        }
        Map<String, StoredView> stored = byKey.isEmpty() ? Map.of() : store.read(new ArrayList<>(byKey.keySet()));
        List<Write> writes = new ArrayList<>();
        Map<ViewKeys.Family, List<String>> dirty = new EnumMap<>(ViewKeys.Family.class);
        byKey.forEach((key, events) -> {
            @SuppressWarnings("unchecked")
            Projection<Object> projection = (Projection<Object>) events.get(0).projection();
            StoredView current = stored.get(key);
            Object view = current == null ? null : readView(current.json(), projection.viewType());
            long version = versionOf(current);
            for (Decoded event : events) {
                if (event.sequence() == version + 1) {
                    view = projection.apply(view, event.event(), event.sequence(), event.time());
                    version = event.sequence();
                } else if (event.sequence() > version + 1) {
                    dirty.computeIfAbsent(projection.family(), family -> new ArrayList<>()).add(event.aggregateId());
                    break;
                }
            }
            if (version != versionOf(current)) {
                writes.add(new Write(key, null, version, writeView(view)));
            }
        });
        store.markDirty(dirty);
        store.writeIfHigher(writes);
        store.addToIndexes(indexWrites);
    }

    /**
     * Folds each view from {@code current} and sends its compare-and-set, without waiting for the replies. Each
     * view is folded inside the write pipeline, so Redis runs the first writes while the later views are folded.
     */
    private Sent send(Map<String, List<Decoded>> byView, Map<String, StoredView> current, Generations generations) {
        List<Fold> folds = new ArrayList<>(byView.size());
        ViewStore.SentWrites writes = store.compareAndSet(byView.keySet(), key -> {
            Fold fold = fold(key, current.get(key), byView.get(key));
            folds.add(fold);
            return fold.write();
        });
        Outcome outcome = Outcome.NONE;
        for (Fold fold : folds) {
            outcome = outcome.earliest(fold.outcome());
        }
        return new Sent(writes, folds, byView, current, generations, outcome);
    }

    /**
     * Waits for the replies of {@code sent} (write round {@code attempt}) and records what landed; a view whose
     * compare-and-set lost a race is read, folded and sent again. Answers the earliest record that could not be
     * applied, if any.
     */
    private Outcome confirm(Sent sent, int attempt) {
        List<Boolean> landed = sent.writes().landed();
        Map<String, List<Decoded>> lostRaces = new LinkedHashMap<>();
        List<ViewStore.IndexWrite> indexEntries = new ArrayList<>();
        int written = 0;
        for (Fold fold : sent.folds()) {
            fold.indexEntries().forEach(entry -> indexEntries.add(new ViewStore.IndexWrite(
                    entry.family().key(sent.generations().currentOf(entry.family()), entry.owner()), entry.member(), entry.score())));
            Write write = fold.write();
            if (write == null) {
                continue;
            }
            List<Decoded> events = sent.byView().get(write.key());
            long before = versionOf(sent.current().get(write.key()));
            if (landed.get(written++)) {
                writtenViews.written(write.key(), write.newVersion(), fold.view());
                metrics.applied(events.get(0).projection().topic(), (int) (write.newVersion() - before));
                logApplied(write.key(), events, before, write.newVersion());
            } else {
                writtenViews.forget(write.key());
                lostRaces.put(write.key(), events);
            }
        }
        store.addToIndexes(indexEntries);
        if (lostRaces.isEmpty()) {
            return sent.outcome();
        }
        if (attempt >= MAX_WRITE_ATTEMPTS) {
            throw new IllegalStateException("views kept changing under the projector: " + lostRaces.keySet());
        }
        Sent again = send(lostRaces, store.read(new ArrayList<>(lostRaces.keySet())), sent.generations());
        return sent.outcome().earliest(confirm(again, attempt + 1));
    }

    private Fold fold(String key, StoredView stored, List<Decoded> events) {
        @SuppressWarnings("unchecked")
        Projection<Object> projection = (Projection<Object>) events.get(0).projection();
        Object view = stored == null ? null : writtenViews.at(key, stored.version());
        if (stored != null && view == null) {
            view = readView(stored.json(), projection.viewType());
        }
        long version = versionOf(stored);
        int skipped = 0;
        Outcome outcome = Outcome.NONE;
        List<Projection.IndexEntry> indexEntries = new ArrayList<>();
        for (Decoded event : events) {
            if (event.sequence() <= version + 1) {
                indexEntries.addAll(projection.indexEntries(event.event(), event.time()));
            }
            if (event.sequence() <= version) {
                skipped++;
            } else if (event.sequence() == version + 1) {
                view = projection.apply(view, event.event(), event.sequence(), event.time());
                version = event.sequence();
            } else {
                metrics.gap(projection.topic());
                outcome = new Outcome(event.index(), new GapDetected(key, version, event.sequence()));
                break;
            }
        }
        metrics.skipped(projection.topic(), skipped);
        Write write = version == versionOf(stored) ? null
                : new Write(key, stored == null ? null : stored.version(), version, writeView(view));
        return new Fold(write, view, indexEntries, outcome);
    }

    /** A span in the trace of the record's {@code ce_traceparent}; without one, a new trace. */
    private Span span(String traceparent) {
        Span.Builder span = traceparent == null ? tracer.spanBuilder().setNoParent()
                : propagator.extract(traceparent, (carrier, key) -> EventEnvelope.TRACEPARENT_METADATA.equals(key) ? carrier : null);
        return span.name("project").start();
    }

    /** One line per event the write applied, in the event's trace: how one request is followed to Redis. */
    private void logApplied(String key, List<Decoded> events, long before, long after) {
        if (!log.isDebugEnabled()) {
            return;
        }
        for (Decoded event : events) {
            if (event.sequence() > before && event.sequence() <= after) {
                Span span = span(event.traceparent());
                try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                    log.debug("applied {}#{} to {}", event.event().getClass().getSimpleName(), event.sequence(), key);
                } finally {
                    span.end();
                }
            }
        }
    }

    /** No view yet counts as version -1: the first event of an aggregate has sequence number 0. */
    private static long versionOf(StoredView stored) {
        return stored == null ? -1 : stored.version();
    }

    private Object readView(byte[] stored, Class<?> type) {
        try {
            return json.readValue(stored, type);
        } catch (IOException e) {
            throw new IllegalStateException("stored view is not a " + type.getSimpleName(), e);
        }
    }

    private byte[] writeView(Object view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("view cannot be written as JSON", e);
        }
    }

    private record Decoded(int index, Projection<?> projection, String aggregateId, long sequence, Instant time, Object event,
                           String traceparent) {
    }

    /** A view's new write (null when no event applied), the view it writes, and what else the events brought. */
    private record Fold(Write write, Object view, List<Projection.IndexEntry> indexEntries, Outcome outcome) {
    }

    /** A write round sent: its writes in flight, the folds they came from, and what the folds found. */
    private record Sent(ViewStore.SentWrites writes, List<Fold> folds, Map<String, List<Decoded>> byView,
                        Map<String, StoredView> current, Generations generations, Outcome outcome) {
    }

    /** A batch whose writes were sent and not yet confirmed, with what to commit, or seek back to, then. */
    private record InFlight(Sent sent, Map<TopicPartition, OffsetAndMetadata> offsets, Map<TopicPartition, Long> firstOffsets) {

        Set<String> keys() {
            Set<String> keys = new HashSet<>();
            sent.folds().forEach(fold -> {
                if (fold.write() != null) {
                    keys.add(fold.write().key());
                }
            });
            return keys;
        }
    }

    /** A poll's records as decoded, up to the first unreadable one if any. */
    private static final class DecodedBatch {

        final List<Decoded> events;
        final Map<String, List<Decoded>> byView = new LinkedHashMap<>();
        int failedAt;
        RuntimeException failure;

        DecodedBatch(int records) {
            this.events = new ArrayList<>(records);
            this.failedAt = records;
        }
    }

    /** The earliest record of the batch that could not be applied, if any. */
    private record Outcome(int gapAt, GapDetected gap) {

        static final Outcome NONE = new Outcome(Integer.MAX_VALUE, null);

        Outcome earliest(Outcome other) {
            return other.gapAt < gapAt ? other : this;
        }
    }
}
