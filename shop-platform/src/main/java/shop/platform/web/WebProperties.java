package shop.platform.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBody larger request bodies are refused with 413
 * @param idempotencyTtl how long the answer to a request with an {@code Idempotency-Key} is kept for retries
 */
@ConfigurationProperties("shop.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxRequestBody,
                            @DefaultValue("24h") Duration idempotencyTtl) {
}
