package shop.tools;

import picocli.CommandLine.Option;

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

    public Redis connect() {
        return Redis.connect(uri, cluster);
    }
}
