package shop.platform.view;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout      how long a query with {@code minVersion} waits for the view to catch up
 * @param pollInterval how often it looks again meanwhile
 */
@ConfigurationProperties("shop.read-your-writes")
public record ReadYourWritesProperties(@DefaultValue("2s") Duration timeout, @DefaultValue("5ms") Duration pollInterval) {
}
