package shop.tools.redrive;

import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import shop.tools.KafkaOptions;
import shop.tools.Usage;

/** {@code ./shop redrive --topic shop.cart.events.dlt}: dead letters back to their topic, once fixed. */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Send the records of a dead-letter topic back to the topic they came from")
public class RedriveCommand implements Callable<Integer> {

    @Option(names = "--topic", required = true, description = "the dead-letter topic, e.g. shop.cart.events.dlt")
    String topic;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--timeout", defaultValue = "PT5M", description = "give up after this long (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Usage.require(DeadLetterRedrive.isDeadLetterTopic(topic), spec,
                "--topic must name a dead-letter topic, <topic>" + DeadLetterRedrive.SUFFIX + ", not " + topic);
        Usage.require(!timeout.isNegative() && !timeout.isZero(), spec, "--timeout must be positive");
        try {
            int redriven = new DeadLetterRedrive(kafka).redrive(topic, timeout);
            System.out.println("redrive: " + redriven + " records sent back from " + topic);
            return 0;
        } catch (DeadLetterRedrive.NoSuchTopic e) {
            System.err.println("redrive: " + e.getMessage());
            return 1;
        }
    }
}
