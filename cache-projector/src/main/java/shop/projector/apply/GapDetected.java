package shop.projector.apply;

/**
 * An event arrived whose predecessor has not been applied: applying it would silently corrupt the view.
 * It is retried (the predecessor may still come) and, after the retries, dead-lettered and reported.
 */
class GapDetected extends RuntimeException {

    GapDetected(String viewKey, long viewVersion, long eventSequence) {
        super("view " + viewKey + " is at version " + viewVersion + " but the next event has sequence " + eventSequence);
    }
}
