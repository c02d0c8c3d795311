package shop.autoscaler.policy;

/**
 * One partition as the Admin API reports it for the consumer group.
 *
 * @param committedOffset the group's committed offset, or {@link #NO_COMMIT} when the group has none
 */
public record PartitionLag(String topic, int partition, long logEndOffset, long committedOffset) {

    public static final long NO_COMMIT = -1;

    public boolean hasCommit() {
        return committedOffset != NO_COMMIT;
    }
}
