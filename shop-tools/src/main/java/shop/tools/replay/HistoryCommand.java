package shop.tools.replay;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import shop.contracts.envelope.EventCodec;
import shop.tools.EventStoreOptions;
import shop.tools.Usage;
import shop.tools.store.EventStore;
import shop.tools.store.EventStream;
import shop.tools.store.StoredEvent;

/** {@code ./shop replay history --aggregate ID [--at N]}. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print an aggregate's events (sequence, time, type, payload) and the view folded from them at a sequence")
public class HistoryCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Mixin
    EventStoreOptions store;

    @Option(names = "--aggregate", required = true, description = "the cart or order id")
    String aggregateId;

    @Option(names = "--at", description = "fold up to this sequence number (default: the last)")
    Long at;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Usage.require(at == null || at >= 0, spec, "--at must be 0 or more: sequence numbers start at 0");
        try (EventStore events = new EventStore(store)) {
            for (EventStream stream : EventStream.values()) {
                Object[] view = {null};
                long[] last = {-1};
                int[] after = {0};
                events.read(stream, "aggregateidentifier = ?", List.of(aggregateId), "sequencenumber", (StoredEvent event) -> {
                    boolean folded = at == null || event.sequence() <= at;
                    System.out.printf("%s %4d  %s  %-36s %s%n", folded ? " " : "*", event.sequence(), event.time(),
                            EventCodec.typeOf(event.event().getClass()), JSON.writeValueAsString(event.event()));
                    if (folded) {
                        view[0] = stream.fold(view[0], event);
                        last[0] = event.sequence();
                    } else {
                        after[0]++;
                    }
                });
                if (view[0] != null) {
                    System.out.printf("state at sequence %d%s:%n%s%n", last[0], at != null && last[0] < at ? " (the last there is)" : "",
                            JSON.writerWithDefaultPrettyPrinter().writeValueAsString(view[0]));
                    if (after[0] > 0) {
                        System.out.println("(* " + after[0] + " events after sequence " + at + ", not folded)");
                    }
                    return 0;
                }
            }
        }
        System.err.println("history: no events of aggregate " + aggregateId + (at == null ? "" : " at or before sequence " + at));
        return 1;
    }
}
