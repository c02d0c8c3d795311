package shop.tools.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import shop.contracts.envelope.EventCodec;
import shop.contracts.envelope.EventEnvelope;
import shop.contracts.revision.EventRevisions;
import shop.tools.EventStoreOptions;

/**
 * Reads a service's Axon event store (table {@code <schema>.domainevententry}) by plain JDBC, streaming rows
 * through a server-side cursor, and decodes each payload as the services would: a payload of an older
 * revision is upcast with {@link EventRevisions}, the same steps the services' Axon upcasters apply.
 */
public final class EventStore implements AutoCloseable {

    /** Rows fetched per round trip of the cursor. */
    public static final int FETCH_SIZE = 5000;

    private static final String COLUMNS =
            "globalindex, aggregateidentifier, sequencenumber, timestamp, eventidentifier, metadata, payloadtype, payloadrevision, payload";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> TYPE_OF_CLASS = new ConcurrentHashMap<>();

    private final Connection db;

    public EventStore(EventStoreOptions options) throws SQLException {
        this(options.jdbcUrl, options.user, options.password);
    }

    public EventStore(String jdbcUrl, String user, String password) throws SQLException {
        this.db = DriverManager.getConnection(jdbcUrl, user, password);
        db.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
    }

    public interface Visitor {
        void accept(StoredEvent event) throws Exception;
    }

    /**
     * Visits the stream's events that match {@code where} (SQL over the table's columns, with {@code ?}
     * for {@code parameters}; null for all), in the order {@code orderBy}. A schema that does not exist yet
     * holds no events.
     */
    public void read(EventStream stream, String where, List<?> parameters, String orderBy, Visitor visitor) throws Exception {
        String sql = "select " + COLUMNS + " from " + stream.schema + ".domainevententry"
                + (where == null ? "" : " where " + where) + " order by " + orderBy;
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setFetchSize(FETCH_SIZE);
            bind(query, parameters);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    visitor.accept(decode(rows));
                }
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            if (!"42P01".equals(e.getSQLState())) { // undefined table: that service never ran here
                throw e;
            }
        }
    }

    /** How many of the stream's rows match {@code where} (null for all). */
    public long count(EventStream stream, String where, List<?> parameters) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select count(*) from " + stream.schema + ".domainevententry"
                + (where == null ? "" : " where " + where))) {
            bind(query, parameters);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            db.rollback();
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        } finally {
            db.commit();
        }
    }

    /** A {@code String[]} parameter is bound as a PostgreSQL array, e.g. for {@code = any(?)}. */
    private void bind(PreparedStatement query, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) instanceof String[] values) {
                query.setArray(i + 1, db.createArrayOf("varchar", values));
            } else {
                query.setObject(i + 1, parameters.get(i));
            }
        }
    }

    private static StoredEvent decode(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4), row.getString(5),
                row.getBytes(6), row.getString(7), row.getString(8), row.getBytes(9));
    }

    /** A stored payload as the event it is today. */
    static Object decode(String payloadType, String revision, byte[] payload) {
        String type = TYPE_OF_CLASS.computeIfAbsent(payloadType, EventStore::eventType);
        if (EventRevisions.isOutdated(payloadType, revision)) {
            try {
                payload = JSON.writeValueAsBytes(EventRevisions.upcast(payloadType, revision, (ObjectNode) JSON.readTree(payload)));
            } catch (IOException e) {
                throw new IllegalStateException("stored " + payloadType + " is not JSON", e);
            }
        }
        return EventCodec.decode(type, payload);
    }

    private static String eventType(String payloadType) {
        try {
            return EventCodec.typeOf(Class.forName(payloadType));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("stored event of unknown class " + payloadType, e);
        }
    }

    /** The trace context stored in an event's metadata, or null. */
    public static String traceparent(byte[] metadata) throws IOException {
        if (metadata == null || metadata.length == 0) {
            return null;
        }
        var value = JSON.readTree(metadata).get(EventEnvelope.TRACEPARENT_METADATA);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
