package shop.tools.verify;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./shop verify}: do the Redis views equal a fold of the event store? Exit 1 on drift. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Fold the event store and compare every cart and order view in Redis; exit 1 on drift")
public class VerifyCommand implements Callable<Integer> {

    @Option(names = "--jdbc-url", defaultValue = "${SHOP_JDBC_URL:-jdbc:postgresql://localhost:5432/shop}",
            description = "event store (default: ${DEFAULT-VALUE})")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "${SHOP_DB_USER:-shop}", description = "(default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--db-password", defaultValue = "${SHOP_DB_PASSWORD:-shop}", description = "(default: the local stack's)")
    String password;

    @Option(names = "--redis", defaultValue = "${SHOP_REDIS_URI:-redis://localhost:6379}", description = "(default: ${DEFAULT-VALUE})")
    String redis;

    @Option(names = "--aggregate", description = "verify only this cart or order id")
    String aggregateId;

    @Option(names = "--show", defaultValue = "5", description = "drifted views to print (default: ${DEFAULT-VALUE})")
    int show;

    @Override
    public Integer call() throws Exception {
        ViewVerifier.Report report = new ViewVerifier(jdbcUrl, user, password, redis).verify(aggregateId, System.err);
        System.err.println();
        report.drifted().stream().limit(show).forEach(drift -> System.out.printf(
                "drifted %s%n  from the events: %s%n  in Redis:        %s%n", drift.key(), drift.expected(), drift.actual()));
        System.out.println(report.lastLine());
        return report.clean() ? 0 : 1;
    }
}
