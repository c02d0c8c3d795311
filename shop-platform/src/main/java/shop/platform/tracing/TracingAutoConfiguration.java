package shop.platform.tracing;

import java.util.Map;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.InterceptorAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries the trace of the request that sent a command into the events it causes. A command dispatched
 * within a trace (an HTTP request, a consumed record) gets the trace's {@code traceparent} in its metadata;
 * Axon copies that entry into the metadata of every event the command applies, and the event store keeps it
 * for the relay, which runs later in another thread.
 *
 * <p>After {@link AxonAutoConfiguration}, which registers Axon's own {@code MessageOriginProvider} only while no
 * other correlation data provider exists (events keep its correlation ids too); before
 * {@link InterceptorAutoConfiguration}, which registers dispatch interceptors only if one exists by then.
 */
@AutoConfiguration(after = AxonAutoConfiguration.class, before = InterceptorAutoConfiguration.class)
public class TracingAutoConfiguration {

    /** Without tracing ({@code management.tracing.enabled=false}) Boot supplies a no-op tracer and no propagator. */
    @Bean
    Traces traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new Traces(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** Axon's Spring Boot support registers this on the command gateway; a retried command keeps its metadata. */
    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> traceparentOfCommands(Traces traces) {
        return commands -> (index, command) -> {
            if (command.getMetaData().containsKey(Traces.TRACEPARENT)) {
                return command;
            }
            String traceparent = traces.current();
            return traceparent == null ? command : command.andMetaData(Map.of(Traces.TRACEPARENT, traceparent));
        };
    }

    @Bean
    CorrelationDataProvider traceparentOfEvents() {
        return new SimpleCorrelationDataProvider(Traces.TRACEPARENT);
    }
}
