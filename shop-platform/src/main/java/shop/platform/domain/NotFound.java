package shop.platform.domain;

/** The thing a request names does not exist (or is not the caller's to see): answered with 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
