package shop.tools.bench;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Open-loop traffic through the REST API: where to, how many commands a second for how long, from how many
 * customers. The load generator and the latency bench share these options; each has its own defaults, given as
 * the initial values (picocli shows them as the default and resets to them before each parse).
 */
final class TrafficOptions {

    @Mixin
    ShopApiOptions shop;

    @Option(names = "--rate", description = "commands per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--duration", description = "seconds of traffic, after the warm-up if there is one (default: ${DEFAULT-VALUE})")
    int duration;

    @Option(names = "--customers", description = "customers owning the carts (default: ${DEFAULT-VALUE})")
    int customers;

    TrafficOptions(int rate, int duration, int customers) {
        this.rate = rate;
        this.duration = duration;
        this.customers = customers;
    }
}
