package shop.tools.replay;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import shop.contracts.view.ViewKeys;
import shop.tools.EventStoreOptions;
import shop.tools.KafkaOptions;
import shop.tools.Redis;
import shop.tools.RedisOptions;
import shop.tools.Usage;
import shop.tools.store.EventStore;

/** {@code ./shop replay rebuild --view carts|orders|customer-orders|all}. */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Build read models from the full event store into a new generation of Redis keys while the current one"
                + " serves, catch up with live events, switch readers and the projector over atomically, delete the old one."
                + " A rerun after a crash continues where the last one stopped.")
public class RebuildCommand implements Callable<Integer> {

    @Mixin
    EventStoreOptions store;

    @Mixin
    RedisOptions redis;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--group", defaultValue = "cache-projector",
            description = "the projector's consumer group, whose lag is waited for before switching; an empty"
                    + " --bootstrap-servers not to wait (default: ${DEFAULT-VALUE})")
    String group;

    @Option(names = "--view", required = true, description = "carts, orders, customer-orders or all")
    String view;

    @Option(names = "--dry-run", description = "report what would be done, change nothing")
    boolean dryRun;

    @Option(names = "--grace", defaultValue = "PT30S",
            description = "keep the old generation this long after the switch, for reads under way (default: ${DEFAULT-VALUE})")
    Duration grace;

    @Option(names = "--drain-after-switch", defaultValue = "PT5S",
            description = "keep folding views marked dirty by projector batches in flight at the switch (default: ${DEFAULT-VALUE})")
    Duration drainAfterSwitch;

    @Option(names = "--catch-up-timeout", defaultValue = "PT60S",
            description = "wait at most this long for the projector to have no lag before switching (default: ${DEFAULT-VALUE})")
    Duration catchUpTimeout;

    @Option(names = "--rate", defaultValue = "0", description = "fold at most this many events per second; 0 for no limit (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--chunk-size", defaultValue = "" + ViewRebuild.DEFAULT_CHUNK,
            description = "aggregates per pipelined write and resume checkpoint (default: ${DEFAULT-VALUE})")
    int chunkSize;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Set<ViewKeys.Family> families = families();
        Usage.require(chunkSize >= 1, spec, "--chunk-size must be 1 or more");
        Usage.require(rate >= 0, spec, "--rate must be 0 (no limit) or more");
        Usage.require(!grace.isNegative() && !drainAfterSwitch.isNegative() && !catchUpTimeout.isNegative(), spec,
                "--grace, --drain-after-switch and --catch-up-timeout must not be negative");
        try (EventStore events = new EventStore(store);
             Redis connection = redis.connect();
             ProjectorLag lag = kafka.bootstrapServers.isBlank() || dryRun ? null : new ProjectorLag(kafka, group)) {
            ViewRebuild rebuild = new ViewRebuild(events, connection, lag,
                    new ViewRebuild.Settings(grace, drainAfterSwitch, catchUpTimeout, rate, chunkSize), System.err);
            if (dryRun) {
                rebuild.plan(families).forEach(System.out::println);
            } else {
                rebuild.rebuild(families).forEach(outcome -> System.out.println(outcome.line()));
            }
            return 0;
        }
    }

    private Set<ViewKeys.Family> families() {
        if ("all".equals(view)) {
            return EnumSet.allOf(ViewKeys.Family.class);
        }
        try {
            return EnumSet.of(ViewKeys.Family.named(view));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(),
                    "--view must be carts, orders, customer-orders or all, not " + view);
        }
    }
}
