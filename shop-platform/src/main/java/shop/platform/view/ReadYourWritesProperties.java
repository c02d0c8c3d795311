package shop.platform.view;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout         how long a query with {@code minVersion} waits for the view to catch up
 * @param recheckInterval how long a waiting query goes without reading the view again when no announcement of a
 *                        write wakes it: pub/sub delivers at most once (not across a reconnect, for instance), so
 *                        this bounds how late a missed announcement makes an answer
 */
@ConfigurationProperties("shop.read-your-writes")
public record ReadYourWritesProperties(@DefaultValue("2s") Duration timeout, @DefaultValue("100ms") Duration recheckInterval) {
}
