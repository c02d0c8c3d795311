package shop.platform.axon;

import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import shop.contracts.revision.EventRevisions;

/**
 * Event schema changes ({@link EventRevisions}) in Axon: new events are stored with their current revision,
 * and stored ones of an older revision are upcast whenever Axon reads them (sourcing an aggregate, the relay).
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class EventRevisionAutoConfiguration {

    /** The contracts carry no Axon annotation; their revisions come from {@link EventRevisions}. */
    @Bean
    RevisionResolver revisionResolver() {
        RevisionResolver annotations = new AnnotationRevisionResolver();
        return payloadType -> {
            String revision = EventRevisions.current(payloadType.getName());
            return revision != null ? revision : annotations.revisionOf(payloadType);
        };
    }

    /** Axon registers every EventUpcaster bean with its event store. */
    @Bean
    EventUpcasterChain eventRevisionUpcasters() {
        return new EventUpcasterChain(EventRevisions.STEPS.stream().map(RevisionStepUpcaster::new).toList());
    }
}
