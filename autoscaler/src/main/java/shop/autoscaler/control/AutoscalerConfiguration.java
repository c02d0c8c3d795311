package shop.autoscaler.control;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import io.micrometer.core.instrument.MeterRegistry;

import shop.autoscaler.lag.LagReader;
import shop.autoscaler.policy.ScalingPolicy;
import shop.autoscaler.workers.WorkerProperties;
import shop.autoscaler.workers.WorkerSupervisor;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AutoscalerProperties.class, WorkerProperties.class})
class AutoscalerConfiguration {

    /** An Admin client on the broker Boot's {@code spring.kafka.*} configures (also what the workers read). */
    @Bean(destroyMethod = "close")
    LagReader lagReader(KafkaAdmin kafkaAdmin, AutoscalerProperties properties) {
        return new LagReader(Admin.create(kafkaAdmin.getConfigurationProperties()), properties.group(),
                properties.topics(), properties.adminTimeout());
    }

    @Bean
    WorkerSupervisor workerSupervisor(WorkerProperties properties) {
        return new WorkerSupervisor(properties);
    }

    @Bean
    AtomicReference<AutoscalerState> autoscalerState(AutoscalerProperties properties) {
        return new AtomicReference<>(AutoscalerState.initial(properties.mode().label()));
    }

    @Bean
    Timeline timeline(AutoscalerProperties properties) {
        return new Timeline(properties.timelineSize());
    }

    @Bean
    ControlLoop controlLoop(AutoscalerProperties properties, LagReader lagReader, ScalingPolicy policy,
                            WorkerSupervisor supervisor, WorkerProperties workers, AtomicReference<AutoscalerState> state,
                            Timeline timeline, MeterRegistry registry) {
        return new ControlLoop(properties, lagReader, policy, supervisor, workers.supervise(), state, timeline,
                new AutoscalerMetrics(registry, state), Clock.systemUTC());
    }

    /** Up once the minimum of workers runs: a worker that cannot start (no jar, a bad argument) shows here. */
    @Bean
    @ConditionalOnProperty(name = "shop.autoscaler.workers.supervise", matchIfMissing = true)
    HealthIndicator workers(WorkerSupervisor supervisor, WorkerProperties properties) {
        return () -> {
            int running = supervisor.workers().size();
            return (running >= properties.min() ? Health.up() : Health.down())
                    .withDetail("running", running).withDetail("min", properties.min()).build();
        };
    }
}
