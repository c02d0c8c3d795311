package shop.platform.axon;

import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event storage engine for aggregates that are never snapshotted: loading an aggregate reads its
 * events and nothing else. Axon otherwise looks for a snapshot before every load, one query per command for a
 * table no one writes (no aggregate here has a snapshot trigger; carts and orders hold a few dozen events).
 * Storing a snapshot is refused rather than written to a table that would never be read; an aggregate that
 * needs snapshots needs the stock engine back.
 */
final class SnapshotFreeEventStorageEngine extends JdbcEventStorageEngine {

    SnapshotFreeEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        throw new UnsupportedOperationException("this event store keeps no snapshots (" + getClass().getSimpleName()
                + "); refused the snapshot of " + snapshot.getType() + " " + snapshot.getAggregateIdentifier());
    }
}
