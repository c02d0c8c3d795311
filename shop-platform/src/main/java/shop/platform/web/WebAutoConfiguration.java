package shop.platform.web;

import java.util.List;

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
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

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

    /**
     * Request and response bodies are JSON only. Spring MVC would also read YAML, CBOR or Smile whenever such a
     * Jackson data format is on the classpath (springdoc brings YAML's), and those bodies escape
     * {@link StrictJson}'s rules: a quantity of "2" was accepted, a duplicate key was a 500. And what the client
     * accepts is read as HTTP means it ({@link AcceptWithoutRefusedTypes}).
     */
    @Bean
    WebMvcConfigurer jsonOnly() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.removeIf(converter -> converter instanceof AbstractJackson2HttpMessageConverter
                        && !(converter instanceof MappingJackson2HttpMessageConverter));
            }

            @Override
            public void configureContentNegotiation(ContentNegotiationConfigurer negotiation) {
                negotiation.strategies(List.of(new AcceptWithoutRefusedTypes()));
            }
        };
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
