package shop.cart.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cacheTtl          how long a product stays in the Redis cache; a price change evicts it at once
 * @param cacheBypassHeader when true, a request carrying {@code Cache-Control: no-cache} reads the database
 *                          directly; off by default, on for benchmarks that compare both paths
 */
@ConfigurationProperties("shop.catalog")
record CatalogProperties(@DefaultValue("10m") Duration cacheTtl, @DefaultValue("false") boolean cacheBypassHeader) {
}
