package shop.autoscaler.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import shop.autoscaler.policy.KedaPolicy;
import shop.autoscaler.policy.PredictivePolicy;

class PolicyConfigurationTest {

    static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    @Test
    void withNothingConfiguredThePolicysDefaultsApply() {
        assertThat(PolicyConfiguration.bind(environment(Map.of()), "shop.autoscaler.keda", KedaPolicy.Parameters.defaults()))
                .isEqualTo(KedaPolicy.Parameters.defaults());
    }

    @Test
    void oneConfiguredParameterChangesOnlyItselfNestedOnesToo() {
        KedaPolicy.Parameters keda = PolicyConfiguration.bind(environment(Map.of(
                "shop.autoscaler.keda.lag-threshold", "50",
                "shop.autoscaler.keda.offset-reset-policy", "earliest",
                "shop.autoscaler.keda.hpa.scale-down-stabilization-window", "30s")),
                "shop.autoscaler.keda", KedaPolicy.Parameters.defaults());
        KedaPolicy.Parameters defaults = KedaPolicy.Parameters.defaults();
        assertThat(keda.lagThreshold()).isEqualTo(50);
        assertThat(keda.offsetResetPolicy()).isEqualTo(KedaPolicy.OffsetResetPolicy.EARLIEST);
        assertThat(keda.hpa().scaleDownStabilizationWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(keda.hpa().syncPeriod()).isEqualTo(defaults.hpa().syncPeriod());
        assertThat(keda.maxReplicaCount()).isEqualTo(defaults.maxReplicaCount());

        PredictivePolicy.Parameters predictive = PolicyConfiguration.bind(environment(Map.of(
                "shop.autoscaler.predictive.target-drain", "10s")), "shop.autoscaler.predictive",
                PredictivePolicy.Parameters.defaults());
        assertThat(predictive).isEqualTo(new PredictivePolicy.Parameters(Duration.ofSeconds(10),
                PredictivePolicy.Parameters.defaults().minWorkers(), PredictivePolicy.Parameters.defaults().maxWorkers(),
                PredictivePolicy.Parameters.defaults().utilization(), PredictivePolicy.Parameters.defaults().hysteresis(),
                PredictivePolicy.Parameters.defaults().scaleDownDelay(), PredictivePolicy.Parameters.defaults().maxActionsPerMinute(),
                PredictivePolicy.Parameters.defaults().rebalancePause(), PredictivePolicy.Parameters.defaults().initialWorkerRate(),
                PredictivePolicy.Parameters.defaults().learningRate()));
    }
}
