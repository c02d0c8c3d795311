package shop.platform.domain;

/** A command whose values can never be accepted, whatever the state: answered with 400. */
public class InvalidCommand extends RuntimeException {

    public InvalidCommand(String message) {
        super(message);
    }
}
