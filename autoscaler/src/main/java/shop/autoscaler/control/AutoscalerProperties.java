package shop.autoscaler.control;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param mode          which policy decides: {@code keda} (KEDA's Kafka scaler with the HPA's defaults) or
 *                      {@code predictive}; their parameters are {@code shop.autoscaler.keda.*} and
 *                      {@code shop.autoscaler.predictive.*}
 * @param pollInterval  how often the lag is read and the policy asked
 * @param group         the consumer group whose lag is read and whose workers are scaled
 * @param topics        the group's topics
 * @param adminTimeout  how long one Admin API request may take before the poll is given up
 * @param timelineSize  samples the timeline keeps (at 2 s, 1800 is the last hour)
 */
@ConfigurationProperties("shop.autoscaler")
public record AutoscalerProperties(@DefaultValue("predictive") Mode mode,
                                   @DefaultValue("2s") Duration pollInterval,
                                   @DefaultValue("cache-projector") String group,
                                   @DefaultValue({"shop.cart.events", "shop.order.events"}) List<String> topics,
                                   @DefaultValue("5s") Duration adminTimeout,
                                   @DefaultValue("1800") int timelineSize) {

    public enum Mode {
        KEDA, PREDICTIVE;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
