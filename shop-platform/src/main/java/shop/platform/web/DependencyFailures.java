package shop.platform.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;

/**
 * Tells an unavailable dependency (PostgreSQL, Redis or Kafka down, restarting or not answering in time) from
 * a bug, whatever wraps it on the way up: Spring's data-access exceptions, Axon's command and event-store
 * exceptions, a servlet filter's. The first is a 503 the client may retry; only the second is a 500.
 */
final class DependencyFailures {

    /** Error replies by which a Redis server says "not now" rather than "never". */
    private static final String[] TRANSIENT_REDIS_REPLIES = {"LOADING", "BUSY", "TRYAGAIN", "CLUSTERDOWN", "MASTERDOWN"};

    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DependencyFailures() {
    }

    static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isUnavailable(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailable(Throwable cause) {
        if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                || cause instanceof CannotCreateTransactionException || cause instanceof ConnectException
                || cause instanceof SQLTransientException || cause instanceof RetriableException) {
            return true;
        }
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state == null) {
                // HikariCP's stand-in for a connection it has already evicted as broken says only this
                return HIKARI_CLOSED_CONNECTION.equals(sql.getMessage());
            }
            // 08: connection exception; 57P: the server is shutting down or starting; 53: out of resources
            return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
        }
        if (cause instanceof RedisCommandExecutionException reply) {
            String message = String.valueOf(reply.getMessage());
            for (String prefix : TRANSIENT_REDIS_REPLIES) {
                if (message.startsWith(prefix)) {
                    return true;
                }
            }
            return false; // any other error reply, such as WRONGTYPE, is a bug
        }
        // the rest of Lettuce's failures are about the connection: closed, reset, not connected
        return cause instanceof RedisException;
    }
}
