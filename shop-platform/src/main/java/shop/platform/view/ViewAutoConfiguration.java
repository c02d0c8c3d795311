package shop.platform.view;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

@AutoConfiguration(after = {RedisAutoConfiguration.class, JacksonAutoConfiguration.class})
@EnableConfigurationProperties(ReadYourWritesProperties.class)
public class ViewAutoConfiguration {

    @Bean
    ViewChanges viewChanges(RedisConnectionFactory redis) {
        return new ViewChanges(redis);
    }

    @Bean
    ViewReader viewReader(StringRedisTemplate redis, ReadYourWritesProperties properties, ObjectMapper json, ViewChanges changes) {
        return new ViewReader(redis, properties, json, changes);
    }
}
