package shop.projector.apply;

/** Redis could not be read or written: the batch waits for it, and no record is to blame. */
class RedisUnavailable extends RuntimeException {

    RedisUnavailable(Throwable cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether {@code failure}, as the listener container wraps it, comes from an unavailable Redis. */
    static boolean causedIt(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisUnavailable) {
                return true;
            }
        }
        return false;
    }
}
