package shop.platform.axon;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command only when it lost a race for the same aggregate (another command appended the same
 * sequence number first). Reloading the aggregate and deciding again is then always right; retrying any
 * other failure, such as a refused command, would only repeat the refusal.
 */
class ConcurrencyRetryScheduler implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;

    ConcurrencyRetryScheduler(ScheduledExecutorService executor, int maxRetries) {
        this.executor = executor;
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (!(lastFailure instanceof ConcurrencyException) || failures.size() > maxRetries) {
            return false;
        }
        // jitter spreads racing retries apart so they do not collide again
        long delayMillis = ThreadLocalRandom.current().nextLong(1, 5L * failures.size() + 2);
        executor.schedule(dispatchTask, delayMillis, TimeUnit.MILLISECONDS);
        return true;
    }
}
