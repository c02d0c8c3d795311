package shop.platform.domain;

/** The thing a request names does not exist (or is not the caller's to see): answered with 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }

    /**
     * The answer for an aggregate that is not there, the same whether it does not exist (Axon finds no events) or
     * belongs to someone else (the aggregate refuses): one must not tell the other.
     */
    public static NotFound noAggregate(String aggregateId) {
        return new NotFound("no such resource: " + aggregateId);
    }
}
