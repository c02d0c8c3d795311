package shop.autoscaler.control;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import shop.autoscaler.policy.KedaPolicy;
import shop.autoscaler.policy.PredictivePolicy;
import shop.autoscaler.policy.ScalingPolicy;

/**
 * The policy of {@code shop.autoscaler.mode}, its parameters bound from {@code shop.autoscaler.keda.*} or
 * {@code shop.autoscaler.predictive.*}, kebab-case names of the policies' {@code Parameters} components
 * (nested ones too: {@code shop.autoscaler.keda.hpa.sync-period}). Every parameter not configured keeps the
 * policy's default, so one can be changed alone, e.g. {@code --shop.autoscaler.predictive.target-drain=10s}.
 */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    ScalingPolicy scalingPolicy(AutoscalerProperties properties, ConfigurableEnvironment environment) {
        Record parameters;
        ScalingPolicy policy;
        if (properties.mode() == AutoscalerProperties.Mode.KEDA) {
            KedaPolicy.Parameters keda = bind(environment, "shop.autoscaler.keda", KedaPolicy.Parameters.defaults());
            parameters = keda;
            policy = new KedaPolicy(keda);
        } else {
            PredictivePolicy.Parameters predictive = bind(environment, "shop.autoscaler.predictive",
                    PredictivePolicy.Parameters.defaults());
            parameters = predictive;
            policy = new PredictivePolicy(predictive);
        }
        LoggerFactory.getLogger(PolicyConfiguration.class).info("policy {}: {}", properties.mode().label(), parameters);
        return policy;
    }

    /** Binds a parameters record, the configuration first and the record's defaults below it. */
    @SuppressWarnings("unchecked")
    static <T extends Record> T bind(ConfigurableEnvironment environment, String prefix, T defaults) {
        List<ConfigurationPropertySource> sources = new ArrayList<>();
        ConfigurationPropertySources.get(environment).forEach(sources::add);
        Map<String, Object> flattened = new LinkedHashMap<>();
        flatten(prefix, defaults, flattened);
        sources.add(new MapConfigurationPropertySource(flattened));
        return (T) new Binder(sources, new PropertySourcesPlaceholdersResolver(environment),
                ApplicationConversionService.getSharedInstance()).bind(prefix, defaults.getClass()).get();
    }

    private static void flatten(String prefix, Record record, Map<String, Object> into) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String name = prefix + "." + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            if (value instanceof Record nested) {
                flatten(name, nested, into);
            } else {
                into.put(name, value);
            }
        }
    }
}
