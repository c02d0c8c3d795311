package shop.tools;

import java.time.Duration;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * One connection to Redis, a single server or a Redis Cluster, behind the Lettuce interfaces both share, so
 * that the tools have one code path. In a cluster, Lettuce's advanced cluster API routes each command by its
 * (first) key, loads scripts on every node, splits multi-key UNLINK by slot and SCANs every master in turn.
 */
public final class Redis implements AutoCloseable {

    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> connection;
    private final RedisClusterCommands<String, String> sync;
    private final RedisClusterAsyncCommands<String, String> async;

    private Redis(AbstractRedisClient client, StatefulConnection<String, String> connection,
                  RedisClusterCommands<String, String> sync, RedisClusterAsyncCommands<String, String> async) {
        this.client = client;
        this.connection = connection;
        this.sync = sync;
        this.async = async;
    }

    /**
     * @param uri     e.g. {@code redis://localhost:6379}; for a cluster, seed nodes may be listed comma-separated,
     *                {@code rediss://:token@node1:6379,node2:6379}
     * @param cluster whether {@code uri} names a Redis Cluster
     */
    public static Redis connect(String uri, boolean cluster) {
        if (cluster) {
            RedisClusterClient client = RedisClusterClient.create(uri);
            // follow failovers and resharding during a long rebuild, as the services do (shop-config)
            client.setOptions(ClusterClientOptions.builder().topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                    .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofSeconds(30)).build()).build());
            return shutDownUnlessConnected(client, () -> {
                StatefulRedisClusterConnection<String, String> connection = client.connect();
                return new Redis(client, connection, connection.sync(), connection.async());
            });
        }
        String hosts = uri.substring(uri.lastIndexOf('@') + 1);
        if (hosts.contains(",")) {
            throw new IllegalArgumentException("several Redis nodes, " + hosts + ": a Redis Cluster? add --redis-cluster");
        }
        RedisClient client = RedisClient.create(uri);
        return shutDownUnlessConnected(client, () -> {
            StatefulRedisConnection<String, String> connection = client.connect();
            return new Redis(client, connection, connection.sync(), connection.async());
        });
    }

    /** A client whose connection failed is shut down, so its threads do not outlive the error. */
    private static Redis shutDownUnlessConnected(AbstractRedisClient client, Supplier<Redis> connect) {
        try {
            return connect.get();
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    public RedisClusterCommands<String, String> sync() {
        return sync;
    }

    public RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    /** Pipelining: false to queue commands until {@link #flushCommands()} (on every node's connection in a cluster). */
    public void setAutoFlushCommands(boolean autoFlush) {
        connection.setAutoFlushCommands(autoFlush);
    }

    public void flushCommands() {
        connection.flushCommands();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
