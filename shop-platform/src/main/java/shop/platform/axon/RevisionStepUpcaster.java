package shop.platform.axon;

import java.util.Objects;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import shop.contracts.revision.EventRevisions;

/** One {@link EventRevisions.Step} as an Axon upcaster on the JSON the Jackson serializer stores. */
class RevisionStepUpcaster extends SingleEventUpcaster {

    private final EventRevisions.Step step;

    RevisionStepUpcaster(EventRevisions.Step step) {
        this.step = step;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().getName().equals(step.payloadType())
                && Objects.equals(event.getType().getRevision(), step.fromRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(step.payloadType(), step.toRevision()), JsonNode.class,
                json -> step.change().apply(((ObjectNode) json).deepCopy()));
    }
}
