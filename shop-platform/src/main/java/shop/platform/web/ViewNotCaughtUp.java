package shop.platform.web;

/**
 * A query asked for at least a version the read model has not reached within the wait it allows:
 * answered with 503 and Retry-After, never with stale data.
 */
public class ViewNotCaughtUp extends RuntimeException {

    public ViewNotCaughtUp(String message) {
        super(message);
    }
}
