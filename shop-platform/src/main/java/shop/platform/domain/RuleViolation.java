package shop.platform.domain;

/** A command the aggregate's current state forbids: answered with 409. */
public class RuleViolation extends RuntimeException {

    public RuleViolation(String message) {
        super(message);
    }
}
