package shop.tools;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where the views are, for every tool that reads or writes them; defaults to the local stack. */
public class RedisOptions {

    @Option(names = "--redis", defaultValue = "${SHOP_REDIS_URI:-redis://localhost:6379}",
            description = "Redis, e.g. rediss://:TOKEN@host:6379; with --redis-cluster, seed nodes may be listed"
                    + " comma-separated, rediss://:TOKEN@node1:6379,node2:6379 (default: ${DEFAULT-VALUE})")
    public String uri;

    @Option(names = "--redis-cluster", negatable = true, defaultValue = "${SHOP_REDIS_CLUSTER:-false}",
            description = "--redis names a Redis Cluster (e.g. ElastiCache in cluster mode): discover its nodes and"
                    + " route each key to its slot's master (default: ${DEFAULT-VALUE}, from SHOP_REDIS_CLUSTER)")
    public boolean cluster;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    public Redis connect() {
        return Redis.connect(uri, cluster);
    }

    /**
     * {@code --redis}, for a tool that can only work with one Redis server: {@code --redis-cluster} is bad usage
     * there (exit code 2 and the usage help), not silently a single-server connection to one node.
     */
    public String singleServer(String why) {
        if (cluster) {
            throw new ParameterException(command.commandLine(), "--redis-cluster is not supported by '"
                    + command.qualifiedName(" ") + "': " + why);
        }
        return uri;
    }
}
