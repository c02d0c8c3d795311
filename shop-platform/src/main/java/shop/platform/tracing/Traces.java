package shop.platform.tracing;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import shop.contracts.envelope.EventEnvelope;

/**
 * The W3C {@code traceparent} of a request, carried across the places where a thread cannot carry it: from the
 * HTTP request into the command's and then its events' metadata, through the event store to the relay, and
 * over Kafka as the envelope's {@code ce_traceparent} to every consumer, which continues the trace. While a
 * span is in scope its trace and span ids are in the logging MDC, so log lines name the request.
 */
public class Traces {

    /** The metadata key of commands and events, as in the W3C header. */
    public static final String TRACEPARENT = EventEnvelope.TRACEPARENT_METADATA;

    private final Tracer tracer;
    private final Propagator propagator;

    public Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The traceparent of the current span, or {@code null} outside any trace. */
    public String current() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        return headers.get(TRACEPARENT);
    }

    /** Starts a span continuing the trace of {@code traceparent}; without one (or an unreadable one), a new trace. */
    public Span continueTrace(String traceparent, String name) {
        Span.Builder span = traceparent == null ? tracer.spanBuilder().setNoParent()
                : propagator.extract(traceparent, (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null);
        return span.name(name).start();
    }

    /** Puts the span in scope (and its ids in the MDC) until the returned scope is closed. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** Runs {@code work} in a span continuing the trace of {@code traceparent}. */
    public void inTrace(String traceparent, String name, Runnable work) {
        Span span = continueTrace(traceparent, name);
        try (Tracer.SpanInScope scope = inScope(span)) {
            work.run();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
