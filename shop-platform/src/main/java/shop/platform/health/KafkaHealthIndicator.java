package shop.platform.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** UP while a broker of the cluster answers within a second, with the number of brokers; DOWN otherwise. */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Supplier<AdminClient> clients;
    private AdminClient client;

    KafkaHealthIndicator(Supplier<AdminClient> clients) {
        super("Kafka health check failed");
        this.clients = clients;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .nodes().get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("brokers", brokers);
    }

    /** One client for the life of the service, made on the first check: it reconnects by itself. */
    private synchronized AdminClient admin() {
        if (client == null) {
            client = clients.get();
        }
        return client;
    }

    @Override
    public synchronized void destroy() {
        if (client != null) {
            client.close(Duration.ofSeconds(1));
        }
    }
}
