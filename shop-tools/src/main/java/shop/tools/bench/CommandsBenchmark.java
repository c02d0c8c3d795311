package shop.tools.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import shop.tools.EventStoreOptions;

/**
 * Sustained command throughput through cart-service's REST API against the same PostgreSQL doing only the
 * event-row inserts those commands cause, by plain JDBC: the same number of concurrent clients, one
 * transaction per insert, rows copied from the ones the API just wrote (same payload, metadata and type sizes)
 * into a scratch copy of {@code cart.domainevententry} (same columns, identity, unique constraints and
 * indexes) in a scratch schema dropped at the end. Each client works on one cart at a time: it opens it, adds
 * {@code --items-per-cart} items, then starts a new cart, so aggregates stay cart-sized; the JDBC clients
 * insert the same streams (sequence 0 an opening, then additions). The two kinds run in alternating rounds,
 * so machine noise falls on both alike.
 */
@Command(name = "commands", mixinStandardHelpOptions = true,
        description = "Command throughput through the REST API vs. the same event-row inserts by plain JDBC (needs ./shop up)")
public class CommandsBenchmark implements Callable<Integer> {

    @Mixin
    ShopApiOptions shop;

    @Mixin
    EventStoreOptions store;

    @Option(names = "--duration", defaultValue = "30", description = "seconds measured of each kind (default: ${DEFAULT-VALUE})")
    int duration;

    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients of each kind (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--round", defaultValue = "5", description = "seconds per round before switching kind (default: ${DEFAULT-VALUE})")
    int round;

    @Option(names = "--items-per-cart", defaultValue = "12", description = "add-item commands per cart before a new one (default: ${DEFAULT-VALUE})")
    int itemsPerCart;

    // a freshly started service is still JIT-compiling its command path for the first thousands of
    // commands; measuring then would profile the compiler, not the service
    @Option(names = "--warm-up", defaultValue = "20", description = "seconds of each kind before measuring (default: ${DEFAULT-VALUE})")
    int warmUp;

    /** One event row as the API stored it; the JDBC clients insert copies of these. */
    private record Row(String type, byte[] metadata, byte[] payload, String payloadRevision, String payloadType, String timestamp) {
    }

    /** A client's state that outlives a round: its cart and how far it is in it. */
    private static final class Client {
        final String token;
        String cartId;
        long sequence = -1;

        Client(String token) {
            this.token = token;
        }
    }

    private static final class Tally {
        final LatencySample latency = new LatencySample();
        long nanos;
        final ErrorCounts errors = new ErrorCounts();

        double perSecond() {
            return latency.count() / (nanos / 1e9);
        }
    }

    private ShopApi api;
    private List<String> skus;

    @Override
    public Integer call() throws Exception {
        try (ShopApi opened = shop.api()) {
            api = opened;
            return measure();
        }
    }

    private int measure() throws Exception {
        skus = api.skus();
        long stamp = System.currentTimeMillis();
        String schema = "bench_" + stamp;
        System.out.printf("commands benchmark: %d clients of each kind, %d s each in rounds of %d s, carts of 1 + %d events; scratch schema %s%n",
                clients, duration, round, itemsPerCart, schema);
        List<Client> apiClients = new ArrayList<>();
        for (String token : api.newCustomerTokens("bench-commands", clients)) {
            apiClients.add(new Client(token));
        }
        List<Client> jdbcClients = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            jdbcClients.add(new Client(null));
        }
        String result;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (Connection admin = DriverManager.getConnection(store.jdbcUrl, store.user, store.password)) {
            try {
                Tally warm = new Tally();
                runApi(pool, apiClients, warm, Math.max(1, warmUp));
                List<Row> rows = sampleRows(admin, apiClients);
                try (Statement ddl = admin.createStatement()) {
                    ddl.execute("create schema " + schema);
                    ddl.execute("create table " + schema + ".domainevententry (like cart.domainevententry including all)");
                }
                System.out.printf("  scratch table %s.domainevententry made like cart.domainevententry; %d sample rows, mean payload %d bytes, metadata %d bytes%n",
                        schema, rows.size(), (int) rows.stream().mapToInt(r -> r.payload().length).average().orElse(0),
                        (int) rows.stream().mapToInt(r -> r.metadata() == null ? 0 : r.metadata().length).average().orElse(0));
                List<Connection> connections = new ArrayList<>();
                try {
                    for (int i = 0; i < clients; i++) {
                        connections.add(DriverManager.getConnection(store.jdbcUrl, store.user, store.password));
                    }
                    runJdbc(pool, jdbcClients, connections, schema, rows, new Tally(), Math.max(1, warmUp));
                    System.out.printf("  warm-up done (%d API commands)%n", warm.latency.count());
                    Tally viaApi = new Tally();
                    Tally viaJdbc = new Tally();
                    for (int done = 0; done < duration; done += round) {
                        int seconds = Math.min(round, duration - done);
                        runApi(pool, apiClients, viaApi, seconds);
                        runJdbc(pool, jdbcClients, connections, schema, rows, viaJdbc, seconds);
                        System.out.printf("  %3d s of each: API %.0f/s, plain JDBC %.0f/s%n", done + seconds,
                                viaApi.perSecond(), viaJdbc.perSecond());
                    }
                    print("REST API  ", viaApi);
                    print("plain JDBC", viaJdbc);
                    BenchCommand.printMachineLoad();
                    result = "commands: %.0f/s, plain JDBC: %.0f/s, ratio %.2f".formatted(
                            viaApi.perSecond(), viaJdbc.perSecond(), viaApi.perSecond() / viaJdbc.perSecond());
                } finally {
                    for (Connection connection : connections) {
                        connection.close();
                    }
                }
            } finally {
                try (Statement ddl = admin.createStatement()) {
                    ddl.execute("drop schema if exists " + schema + " cascade");
                    System.out.println("cleanup: dropped schema " + schema);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // after the clean-up's line: the result is the last line, the one scripts read
        System.out.println(result);
        return 0;
    }

    private static void print(String label, Tally tally) {
        System.out.printf("  %s %7d done in %5.1f s: %6.0f/s  p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms  errors %d%s%n", label,
                tally.latency.count(), tally.nanos / 1e9, tally.perSecond(), tally.latency.quantileMillis(0.5),
                tally.latency.quantileMillis(0.99), tally.latency.quantileMillis(1.0), tally.errors.total(),
                tally.errors.total() == 0 ? "" : " " + tally.errors);
    }

    /** Every client sends commands one after the other for {@code seconds}: opening a cart, then adding items. */
    private void runApi(ExecutorService pool, List<Client> clients, Tally tally, int seconds) throws Exception {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Future<?>> running = new ArrayList<>();
        for (Client client : clients) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        if (client.cartId == null || client.sequence >= itemsPerCart) {
                            ShopApi.Answer response = api.sendNow(api.openCart(client.token));
                            if (response.status() != 201) {
                                tally.errors.add("open: HTTP " + response.status());
                                continue;
                            }
                            client.cartId = ShopApi.JSON.readTree(response.body()).get("cartId").asText();
                            client.sequence = 0;
                        } else {
                            String sku = skus.get((int) (client.sequence % skus.size()));
                            ShopApi.Answer response = api.sendNow(api.addItem(client.token, client.cartId, sku, 1));
                            if (response.status() != 200) {
                                tally.errors.add("add: HTTP " + response.status());
                                client.cartId = null;
                                continue;
                            }
                            client.sequence = ShopApi.version(response.body());
                        }
                        tally.latency.add(System.nanoTime() - t0);
                    } catch (java.io.IOException e) {
                        tally.errors.add(e.getClass().getSimpleName());
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        tally.nanos += System.nanoTime() - start;
    }

    /** The same streams as plain inserts, each in its own transaction (auto-commit). */
    private void runJdbc(ExecutorService pool, List<Client> clients, List<Connection> connections, String schema,
                         List<Row> rows, Tally tally, int seconds) throws Exception {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        String sql = "insert into " + schema + ".domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,"
                + " metadata, payload, payloadrevision, payloadtype, timestamp) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        List<Row> opened = rows.stream().filter(r -> r.payloadType().endsWith("CartOpened")).toList();
        List<Row> added = rows.stream().filter(r -> r.payloadType().endsWith("ItemAddedToCart")).toList();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            Client client = clients.get(c);
            Connection connection = connections.get(c);
            running.add(pool.submit(() -> {
                connection.setAutoCommit(true);
                try (PreparedStatement insert = connection.prepareStatement(sql)) {
                    while (System.nanoTime() < end) {
                        if (client.cartId == null || client.sequence >= itemsPerCart) {
                            client.cartId = UUID.randomUUID().toString();
                            client.sequence = 0;
                        } else {
                            client.sequence++;
                        }
                        Row row = client.sequence == 0 ? opened.get((int) (Math.random() * opened.size()))
                                : added.get((int) (Math.random() * added.size()));
                        long t0 = System.nanoTime();
                        try {
                            insert.setString(1, client.cartId);
                            insert.setLong(2, client.sequence);
                            insert.setString(3, row.type());
                            insert.setString(4, UUID.randomUUID().toString());
                            insert.setBytes(5, row.metadata());
                            insert.setBytes(6, row.payload());
                            insert.setString(7, row.payloadRevision());
                            insert.setString(8, row.payloadType());
                            insert.setString(9, row.timestamp());
                            insert.executeUpdate();
                            tally.latency.add(System.nanoTime() - t0);
                        } catch (java.sql.SQLException e) {
                            tally.errors.add("insert: " + e.getSQLState());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        tally.nanos += System.nanoTime() - start;
    }

    /** Rows the API just wrote for these clients' carts: real sizes for the JDBC inserts. */
    private static List<Row> sampleRows(Connection db, List<Client> clients) throws Exception {
        List<Row> rows = new ArrayList<>();
        String sql = "select e.type, e.metadata, e.payload, e.payloadrevision, e.payloadtype, e.timestamp"
                + " from cart.domainevententry e where e.aggregateidentifier = ? order by e.sequencenumber";
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (Client client : clients) {
                if (client.cartId == null) {
                    continue;
                }
                query.setString(1, client.cartId);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(new Row(result.getString(1), result.getBytes(2), result.getBytes(3), result.getString(4),
                                result.getString(5), result.getString(6)));
                    }
                }
            }
        }
        if (rows.stream().noneMatch(r -> r.payloadType().endsWith("CartOpened"))
                || rows.stream().noneMatch(r -> r.payloadType().endsWith("ItemAddedToCart"))) {
            throw new IllegalStateException("the warm-up wrote no CartOpened and ItemAddedToCart rows to sample");
        }
        return rows;
    }
}
