package shop.tools.store;

import java.time.Instant;

/**
 * One row of an event store. The payload is decoded (and upcast to the current revision) on first use, so
 * a reader can hand rows to other threads that do the decoding.
 */
public final class StoredEvent {

    private final long position;
    private final String aggregateId;
    private final long sequence;
    private final String time;
    private final String eventId;
    private final byte[] metadata;
    private final String payloadType;
    private final String revision;
    private final byte[] payload;
    private Object event;
    private Instant parsedTime;

    StoredEvent(long position, String aggregateId, long sequence, String time, String eventId, byte[] metadata,
                String payloadType, String revision, byte[] payload) {
        this.position = position;
        this.aggregateId = aggregateId;
        this.sequence = sequence;
        this.time = time;
        this.eventId = eventId;
        this.metadata = metadata;
        this.payloadType = payloadType;
        this.revision = revision;
        this.payload = payload;
    }

    /** The store's global index. */
    public long position() {
        return position;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public long sequence() {
        return sequence;
    }

    public Instant time() {
        if (parsedTime == null) {
            parsedTime = Instant.parse(time);
        }
        return parsedTime;
    }

    public String eventId() {
        return eventId;
    }

    /** Axon's metadata as stored (JSON); see {@link EventStore#traceparent}. */
    public byte[] metadata() {
        return metadata;
    }

    /** The event as it is today: upcast from an older revision if need be. */
    public Object event() {
        if (event == null) {
            event = EventStore.decode(payloadType, revision, payload);
        }
        return event;
    }
}
