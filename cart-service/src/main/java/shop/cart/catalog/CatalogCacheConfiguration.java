package shop.cart.catalog;

import org.springframework.boot.autoconfigure.cache.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.serializer.Jackson2JsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

@Configuration(proxyBeanMethods = false)
@EnableCaching
@EnableConfigurationProperties(CatalogProperties.class)
class CatalogCacheConfiguration {

    @Bean
    RedisCacheManagerBuilderCustomizer catalogCaches(CatalogProperties properties) {
        // typed JSON per cache: readable in redis-cli, and no class names stored that a refactoring breaks
        return builder -> builder
                .withCacheConfiguration(ProductCatalog.PRODUCTS, cacheOf(Product.class, properties))
                .withCacheConfiguration(ProductCatalog.CATALOG, cacheOf(Catalog.class, properties))
                .enableStatistics();
    }

    private static RedisCacheConfiguration cacheOf(Class<?> type, CatalogProperties properties) {
        return RedisCacheConfiguration.defaultCacheConfig()
                .entryTtl(properties.cacheTtl())
                .prefixCacheNameWith("cache:")
                .serializeValuesWith(SerializationPair.fromSerializer(new Jackson2JsonRedisSerializer<>(type)));
    }
}
