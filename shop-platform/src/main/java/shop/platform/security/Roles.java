package shop.platform.security;

/** The roles a token can carry in its {@code roles} claim. */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String FULFILMENT = "fulfilment";
    public static final String OPS = "ops";

    private Roles() {
    }
}
