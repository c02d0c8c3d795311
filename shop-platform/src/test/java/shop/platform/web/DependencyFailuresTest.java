package shop.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;

/** What a down dependency looks like once wrapped on its way up, and what a bug looks like. */
class DependencyFailuresTest {

    @Test
    void aDownDependencyIsRecognizedHoweverWrapped() {
        assertThat(DependencyFailures.unavailable(new QueryTimeoutException("Redis command timed out"))).isTrue();
        assertThat(DependencyFailures.unavailable(new CommandExecutionException("command failed",
                new EventStoreException("load failed", new SQLTransientConnectionException("pool: connection not available"))))).isTrue();
        assertThat(DependencyFailures.unavailable(new CannotCreateTransactionException("no JDBC connection",
                new ConnectException("refused")))).isTrue();
        assertThat(DependencyFailures.unavailable(new IllegalStateException("wrapped",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DependencyFailures.unavailable(new IllegalStateException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(DependencyFailures.unavailable(new RedisSystemException("Redis exception",
                new RedisException("Connection closed")))).isTrue();
        assertThat(DependencyFailures.unavailable(new RedisSystemException("Error in execution",
                new RedisCommandExecutionException("LOADING Redis is loading the dataset in memory")))).isTrue();
        assertThat(DependencyFailures.unavailable(new org.apache.kafka.common.errors.TimeoutException("no broker"))).isTrue();
    }

    @Test
    void aBugIsNot() {
        assertThat(DependencyFailures.unavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(DependencyFailures.unavailable(new NullPointerException())).isFalse();
        assertThat(DependencyFailures.unavailable(new RedisSystemException("Error in execution",
                new RedisCommandExecutionException("WRONGTYPE Operation against a key holding the wrong kind of value")))).isFalse();
        assertThat(DependencyFailures.unavailable(new IllegalStateException("wrapped",
                new SQLException("syntax error", "42601")))).isFalse();
    }
}
