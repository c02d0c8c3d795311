package shop.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;

/**
 * A Redis Cluster of three masters (no replicas), one container each, as ElastiCache in cluster mode serves
 * it. Started the first time a test asks for {@link #nodes()}, never by other tests.
 *
 * <p>Clients follow the addresses nodes announce (MOVED redirects, CLUSTER SLOTS), so every node announces the
 * Docker host and its mapped ports, client and bus; the nodes reach each other through those too.
 */
public final class RedisCluster {

    private static final int PORT = 6379;
    private static final int BUS_PORT = 16379;
    private static final List<GenericContainer<?>> NODES = List.of(node(), node(), node());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> NODES.forEach(Startable::stop), "stop-redis-cluster"));
        Startables.deepStart(NODES).join();
        try {
            form();
        } catch (Exception e) {
            throw new IllegalStateException("the Redis Cluster did not form", e);
        }
    }

    private RedisCluster() {
    }

    /** The nodes as {@code host:port,host:port,host:port}, for {@code spring.data.redis.cluster.nodes}. */
    public static String nodes() {
        return NODES.stream().map(RedisCluster::address).collect(Collectors.joining(","));
    }

    private static GenericContainer<?> node() {
        return new GenericContainer<>(ContainerImages.REDIS)
                .withCommand("redis-server", "--protected-mode", "no", "--cluster-enabled", "yes",
                        "--cluster-node-timeout", "5000")
                .withExposedPorts(PORT, BUS_PORT);
    }

    private static String address(GenericContainer<?> node) {
        return node.getHost() + ":" + node.getMappedPort(PORT);
    }

    private static void form() throws Exception {
        for (GenericContainer<?> node : NODES) {
            // Redis 7 takes these at runtime: the mapped ports are known only once the container runs
            redisCli(node, "config", "set", "cluster-announce-ip", node.getHost(),
                    "cluster-announce-port", Integer.toString(node.getMappedPort(PORT)),
                    "cluster-announce-bus-port", Integer.toString(node.getMappedPort(BUS_PORT)));
        }
        List<String> create = new ArrayList<>(List.of("--cluster", "create"));
        NODES.forEach(node -> create.add(address(node)));
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        redisCli(NODES.get(0), create.toArray(String[]::new));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (GenericContainer<?> node : NODES) {
            while (!redisCli(node, "cluster", "info").contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster_state not ok after 60 s: " + redisCli(node, "cluster", "nodes"));
                }
                Thread.sleep(200);
            }
        }
    }

    private static String redisCli(GenericContainer<?> node, String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "redis-cli";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        ExecResult result = node.execInContainer(command);
        if (result.getExitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + result.getStdout() + result.getStderr());
        }
        return result.getStdout();
    }
}
