package shop.platform.axon;

import java.util.concurrent.Executors;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A command gateway that retries commands that lost an optimistic-concurrency race, so no update is lost. */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class AxonRetryAutoConfiguration {

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        // a daemon thread: pending retries must not keep a stopping service alive
        var retryExecutor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConcurrencyRetryScheduler(retryExecutor, 10))
                .build();
    }
}
