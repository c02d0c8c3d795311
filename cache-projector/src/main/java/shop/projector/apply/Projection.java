package shop.projector.apply;

import java.time.Instant;
import java.util.List;

import shop.contracts.view.ViewKeys;

/**
 * How the events of one topic fold into one kind of view. Pure: no I/O, so it is unit-tested alone and the
 * same fold serves the projector, the verifier and rebuilds.
 *
 * @param <V> the view
 */
public interface Projection<V> {

    /** The topic whose events this projection folds. */
    String topic();

    Class<V> viewType();

    /** The view family an aggregate's view belongs to; its key depends on the generation ({@link ViewKeys}). */
    ViewKeys.Family family();

    /**
     * The view after applying {@code event}, the aggregate's event number {@code sequence}, which happened at
     * {@code time}.
     *
     * @param current the view before, or {@code null} when there is none yet
     */
    V apply(V current, Object event, long sequence, Instant time);

    /**
     * Entries an event adds to sorted-set indexes beside the views (e.g. a customer's orders by time).
     * Adding an entry twice changes nothing, so redelivery is harmless here too.
     */
    default List<IndexEntry> indexEntries(Object event, Instant time) {
        return List.of();
    }

    /** Member {@code member} with score {@code score} in {@code owner}'s sorted set of {@code family}. */
    record IndexEntry(ViewKeys.Family family, String owner, String member, double score) {
    }
}
