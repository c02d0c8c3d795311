package shop.tools.store;

import java.time.Instant;

/**
 * One row of an event store, its payload already at the current revision and decoded.
 *
 * @param position    the store's global index
 * @param metadata    Axon's metadata as stored (JSON), parsed only by those who need it
 */
public record StoredEvent(long position, String aggregateId, long sequence, Instant time, String eventId,
                          byte[] metadata, Object event) {
}
