package shop.contracts.envelope;

/** A record that is not a readable event: it can never be applied and belongs in a dead-letter topic. */
public class MalformedEnvelopeException extends RuntimeException {

    public MalformedEnvelopeException(String message) {
        super(message);
    }

    public MalformedEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
