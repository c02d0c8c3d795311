package shop.tools;

import picocli.CommandLine.Option;

/** Where the event store is, for every tool that reads or writes it; defaults to the local stack. */
public class EventStoreOptions {

    @Option(names = "--jdbc-url", defaultValue = "${SHOP_JDBC_URL:-jdbc:postgresql://localhost:5432/shop}",
            description = "the event store (default: ${DEFAULT-VALUE})")
    public String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "${SHOP_DB_USER:-shop}", description = "(default: ${DEFAULT-VALUE})")
    public String user;

    @Option(names = "--db-password", defaultValue = "${SHOP_DB_PASSWORD:-shop}", description = "(default: the local stack's)")
    public String password;
}
