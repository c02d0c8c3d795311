package shop.platform.domain;

/** A command sent with {@code If-Match} for a version the aggregate has moved past: answered with 412. */
public class StaleVersion extends RuntimeException {

    public StaleVersion(String what, long expected, long actual) {
        this(what + " is at version " + actual + ", not " + expected + "; read it again");
    }

    public StaleVersion(String message) {
        super(message);
    }

    /** Passes when nothing was expected or the expected version is the actual one. */
    public static void requireAt(String what, Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw new StaleVersion(what, expected, actual);
        }
    }
}
