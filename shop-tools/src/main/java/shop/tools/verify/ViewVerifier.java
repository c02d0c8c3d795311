package shop.tools.verify;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import shop.contracts.envelope.EventCodec;
import shop.contracts.view.CartView;
import shop.contracts.view.CartViewFold;
import shop.contracts.view.OrderView;
import shop.contracts.view.OrderViewFold;
import shop.contracts.view.ViewKeys;

/**
 * Folds the event store, aggregate by aggregate, with the same folds the projector applies, and compares
 * each result with the view in Redis. A view that differs, or is missing, has drifted.
 */
public final class ViewVerifier {

    /** Where the events of one kind of view are stored, and how they fold. */
    enum Kind {
        CARTS("cart") {
            @Override
            Object apply(Object view, Object event, long sequence, Instant time) {
                return CartViewFold.apply((CartView) view, event, sequence);
            }

            @Override
            String key(String aggregateId) {
                return ViewKeys.cart(aggregateId);
            }

            @Override
            Class<?> viewType() {
                return CartView.class;
            }
        },
        ORDERS("orders") {
            @Override
            Object apply(Object view, Object event, long sequence, Instant time) {
                return OrderViewFold.apply((OrderView) view, event, sequence, time);
            }

            @Override
            String key(String aggregateId) {
                return ViewKeys.order(aggregateId);
            }

            @Override
            Class<?> viewType() {
                return OrderView.class;
            }
        };

        final String schema;

        Kind(String schema) {
            this.schema = schema;
        }

        abstract Object apply(Object view, Object event, long sequence, Instant time);

        abstract String key(String aggregateId);

        abstract Class<?> viewType();
    }

    public record Drift(String key, String expected, String actual) {
    }

    public record Report(int checked, List<Drift> drifted) {

        public boolean clean() {
            return drifted.isEmpty();
        }

        public String lastLine() {
            return "verify: " + checked + " views checked, " + drifted.size() + " drifted";
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String redisUri;

    public ViewVerifier(String jdbcUrl, String user, String password, String redisUri) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.redisUri = redisUri;
    }

    /**
     * @param aggregateId only this aggregate, or null for all
     * @param progress    where to report progress, or null
     */
    public Report verify(String aggregateId, PrintStream progress) throws SQLException {
        RedisClient client = RedisClient.create(redisUri);
        try (StatefulRedisConnection<String, String> redis = client.connect();
             Connection db = DriverManager.getConnection(jdbcUrl, user, password)) {
            db.setAutoCommit(false); // lets PostgreSQL stream the rows with a cursor
            int checked = 0;
            List<Drift> drifted = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                checked += verify(kind, aggregateId, db, redis, drifted, progress);
            }
            return new Report(checked, drifted);
        } finally {
            client.shutdown();
        }
    }

    private int verify(Kind kind, String aggregateId, Connection db, StatefulRedisConnection<String, String> redis,
                       List<Drift> drifted, PrintStream progress) throws SQLException {
        String sql = "select aggregateidentifier, sequencenumber, payloadtype, payload, timestamp from "
                + kind.schema + ".domainevententry"
                + (aggregateId == null ? "" : " where aggregateidentifier = ?")
                + " order by aggregateidentifier, sequencenumber";
        int checked = 0;
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setFetchSize(1000);
            if (aggregateId != null) {
                query.setString(1, aggregateId);
            }
            try (ResultSet rows = query.executeQuery()) {
                String current = null;
                Object view = null;
                while (rows.next()) {
                    String id = rows.getString(1);
                    if (!id.equals(current)) {
                        if (current != null) {
                            compare(kind, current, view, redis, drifted);
                            checked++;
                            report(progress, kind, checked);
                        }
                        current = id;
                        view = null;
                    }
                    Object event = decode(rows.getString(3), rows.getBytes(4));
                    view = kind.apply(view, event, rows.getLong(2), Instant.parse(rows.getString(5)));
                }
                if (current != null) {
                    compare(kind, current, view, redis, drifted);
                    checked++;
                }
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                // that service has not created its schema yet: nothing of this kind to verify
                db.rollback();
                return 0;
            }
            throw e;
        }
        return checked;
    }

    private static void compare(Kind kind, String aggregateId, Object expected, StatefulRedisConnection<String, String> redis,
                                List<Drift> drifted) {
        String key = kind.key(aggregateId);
        String stored = redis.sync().hget(key, ViewKeys.JSON_FIELD);
        Object actual = null;
        try {
            actual = stored == null ? null : JSON.readValue(stored, kind.viewType());
        } catch (java.io.IOException e) {
            // unreadable: drifted, shown as stored
        }
        if (!Objects.equals(expected, actual)) {
            drifted.add(new Drift(key, write(expected), stored));
        }
    }

    private static Object decode(String payloadType, byte[] payload) {
        try {
            return EventCodec.decode(EventCodec.typeOf(Class.forName(payloadType)), payload);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("stored event of unknown class " + payloadType, e);
        }
    }

    private static String write(Object view) {
        try {
            return JSON.writeValueAsString(view);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void report(PrintStream progress, Kind kind, int checked) {
        if (progress != null && checked % 1000 == 0) {
            progress.printf("\r%s: %d checked", kind.schema, checked);
        }
    }
}
