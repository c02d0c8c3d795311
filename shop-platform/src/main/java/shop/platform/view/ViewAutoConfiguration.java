package shop.platform.view;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

@AutoConfiguration(after = RedisAutoConfiguration.class)
@EnableConfigurationProperties(ReadYourWritesProperties.class)
public class ViewAutoConfiguration {

    @Bean
    ViewReader viewReader(StringRedisTemplate redis, ReadYourWritesProperties properties) {
        return new ViewReader(redis, properties);
    }
}
