package shop.platform.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one error format, strict JSON reading, the request size limit and idempotency keys, for every service. */
@AutoConfiguration(after = {JacksonAutoConfiguration.class, RedisAutoConfiguration.class},
        before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication
@EnableConfigurationProperties(WebProperties.class)
@Import({ProblemResponses.class, ProblemErrorController.class, StrictJson.class, OpenApiDocument.class})
public class WebAutoConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context ->
                ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemErrorReportValve.class.getName()));
    }

    @Bean
    ProblemWriter problemWriter(ObjectMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(WebProperties properties, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimit(properties.maxRequestBody().toBytes(), problems));
        // before security and everything else: an oversized body is refused unread
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IdempotencyKeys> idempotencyKeys(StringRedisTemplate redis, ObjectMapper json,
                                                            ProblemWriter problems, WebProperties properties) {
        var registration = new FilterRegistrationBean<>(new IdempotencyKeys(redis, json, problems, properties.idempotencyTtl()));
        // after Spring Security: keys belong to the authenticated caller
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
