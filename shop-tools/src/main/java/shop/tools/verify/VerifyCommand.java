package shop.tools.verify;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import shop.tools.EventStoreOptions;
import shop.tools.RedisOptions;
import shop.tools.Usage;

/** {@code ./shop verify}: do the Redis views equal a fold of the event store? Exit 1 on drift. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Fold the event store and compare every cart and order view in Redis; exit 1 on drift")
public class VerifyCommand implements Callable<Integer> {

    @Mixin
    EventStoreOptions store;

    @Mixin
    RedisOptions redis;

    @Option(names = "--aggregate", description = "verify only this cart or order id")
    String aggregateId;

    @Option(names = "--show", defaultValue = "5", description = "drifted views to print (default: ${DEFAULT-VALUE})")
    int show;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Usage.require(show >= 0, spec, "--show must be 0 or more");
        ViewVerifier.Report report = new ViewVerifier(store.jdbcUrl, store.user, store.password, redis.uri, redis.cluster).verify(aggregateId, System.err);
        report.drifted().stream().limit(show).forEach(drift -> System.out.printf(
                "drifted %s%n  from the events: %s%n  in Redis:        %s%n", drift.key(), drift.expected(), drift.actual()));
        boolean unknown = aggregateId != null && report.checked() == 0;
        if (unknown) {
            System.err.println("verify: no events of aggregate " + aggregateId + " in the event store");
        }
        System.out.println(report.lastLine());
        return report.clean() && !unknown ? 0 : 1;
    }
}
