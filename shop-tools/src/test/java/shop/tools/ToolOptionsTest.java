package shop.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import shop.tools.bench.CommandsBenchmark;
import shop.tools.bench.LatencyBenchmark;
import shop.tools.bench.LoadCommand;
import shop.tools.bench.ProjectorBenchmark;
import shop.tools.redrive.RedriveCommand;
import shop.tools.verify.VerifyCommand;

/** One way to give a command its Redis, Kafka and traffic options: the shared mixins, as every command parses them. */
class ToolOptionsTest {

    @Command(name = "reference")
    static class Reference {
        @Mixin
        RedisOptions redis;

        @Mixin
        KafkaOptions kafka;
    }

    private static final OptionSpec REDIS = new CommandLine(new Reference()).getCommandSpec().findOption("--redis");
    private static final OptionSpec KAFKA = new CommandLine(new Reference()).getCommandSpec().findOption("--bootstrap-servers");

    @Test
    void everyCommandReachingRedisOrKafkaTakesTheMixinsOptions() {
        Map<String, CommandLine> commands = commands();
        List<String> withRedis = commands.entrySet().stream().filter(c -> c.getValue().getCommandSpec().findOption("--redis") != null)
                .map(Map.Entry::getKey).toList();
        List<String> withKafka = commands.entrySet().stream().filter(c -> c.getValue().getCommandSpec().findOption("--kafka") != null
                || c.getValue().getCommandSpec().findOption("--bootstrap-servers") != null).map(Map.Entry::getKey).toList();

        assertThat(withRedis).contains("bench projector", "bench rebuild", "verify", "replay rebuild", "replay verify");
        assertThat(withKafka).contains("bench projector", "redrive", "replay rebuild", "replay republish", "replay reset-offsets");
        for (String name : withRedis) {
            OptionSpec redis = commands.get(name).getCommandSpec().findOption("--redis");
            assertThat(definition(redis)).as(name).isEqualTo(definition(REDIS));
            assertThat(commands.get(name).getCommandSpec().findOption("--redis-cluster")).as(name).isNotNull();
        }
        for (String name : withKafka) {
            OptionSpec kafka = commands.get(name).getCommandSpec().findOption("--kafka");
            assertThat(kafka).as(name).isSameAs(commands.get(name).getCommandSpec().findOption("--bootstrap-servers"));
            assertThat(definition(kafka)).as(name).isEqualTo(definition(KAFKA));
            assertThat(commands.get(name).getCommandSpec().findOption("--kafka-property")).as(name).isNotNull();
        }
    }

    @Test
    void theProjectorBenchResolvesWhatUsersTypeAndTheDefaultsAsTheOtherToolsDo() {
        CommandLine projector = new CommandLine(new ProjectorBenchmark());
        CommandLine verify = new CommandLine(new VerifyCommand());
        CommandLine redrive = new CommandLine(new RedriveCommand());

        projector.parseArgs();
        verify.parseArgs();
        redrive.parseArgs("--topic", "shop.cart.events.dlt");
        assertThat(value(projector, "--redis")).isEqualTo(value(verify, "--redis"))
                .isEqualTo(System.getenv().getOrDefault("SHOP_REDIS_URI", "redis://localhost:6379"));
        assertThat(value(projector, "--redis-cluster")).isEqualTo(value(verify, "--redis-cluster"));
        assertThat(value(projector, "--kafka")).isEqualTo(value(redrive, "--bootstrap-servers"))
                .isEqualTo(System.getenv().getOrDefault("SHOP_KAFKA", "localhost:9092"));

        // --kafka and --redis as the bench took them before, and the mixins' --kafka-property
        projector.parseArgs("--kafka", "k:9096", "--redis", "rediss://:token@r:6380", "--kafka-property", "client.id=bench");
        assertThat(value(projector, "--bootstrap-servers")).isEqualTo("k:9096");
        assertThat(value(projector, "--redis")).isEqualTo("rediss://:token@r:6380");
        assertThat(value(projector, "--kafka-property")).isEqualTo(Map.of("client.id", "bench"));
    }

    @Test
    void theProjectorBenchRefusesARedisClusterAsBadUsage() {
        CommandLine shop = new CommandLine(new ShopTools());
        StringWriter err = new StringWriter();
        shop.setErr(new PrintWriter(err, true));

        int exit = shop.execute("bench", "projector", "--redis-cluster", "--redis", "redis://node1:6379,node2:6379");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("--redis-cluster is not supported by 'shop bench projector': it replays")
                .contains("Usage: shop bench projector");
    }

    @Test
    void loadAndLatencyShareTheTrafficOptionsEachWithItsDefaults() {
        CommandLine load = new CommandLine(new LoadCommand());
        CommandLine latency = new CommandLine(new LatencyBenchmark());
        CommandLine commandsBench = new CommandLine(new CommandsBenchmark());

        load.parseArgs();
        latency.parseArgs();
        commandsBench.parseArgs();
        assertThat(List.<Object>of(value(load, "--rate"), value(load, "--duration"), value(load, "--customers")))
                .isEqualTo(List.of(50, 60, 20));
        assertThat(List.<Object>of(value(latency, "--rate"), value(latency, "--duration"), value(latency, "--customers")))
                .isEqualTo(List.of(500, 60, 50));
        for (CommandLine command : List.of(load, latency, commandsBench)) {
            assertThat(List.<Object>of(value(command, "--url"), value(command, "--issuer")))
                    .isEqualTo(List.of("http://localhost:8081", "http://127.0.0.1:8090"));
        }
        // the same mixin declares them in both
        CommandSpec loadTraffic = load.getCommandSpec().mixins().get("traffic");
        CommandSpec latencyTraffic = latency.getCommandSpec().mixins().get("traffic");
        assertThat(loadTraffic.userObject().getClass()).isSameAs(latencyTraffic.userObject().getClass());
        for (String option : List.of("--rate", "--duration", "--customers", "--url", "--issuer")) {
            assertThat(loadTraffic.findOption(option)).as(option).isNotNull();
            assertThat(latencyTraffic.findOption(option)).as(option).isNotNull();
        }
        assertThat(latency.getUsageMessage()).contains("commands per second (default: 500)");
        assertThat(load.getUsageMessage()).contains("commands per second (default: 50)");

        // as AutoscalerIT runs the load; a later parse starts from the command's defaults again
        load.parseArgs("--url", "http://cart:1", "--issuer", "http://issuer:2", "--rate", "7", "--duration", "10", "--customers", "5");
        assertThat(List.<Object>of(value(load, "--url"), value(load, "--issuer"), value(load, "--rate"), value(load, "--duration"),
                value(load, "--customers"))).isEqualTo(List.of("http://cart:1", "http://issuer:2", 7, 10, 5));
        load.parseArgs("--duration", "3");
        assertThat(List.<Object>of(value(load, "--rate"), value(load, "--duration"), value(load, "--customers")))
                .isEqualTo(List.of(50, 3, 20));
    }

    /** Names, default and help of an option (the help with the default filled in). */
    private static List<Object> definition(OptionSpec option) {
        return List.of(List.of(option.names()), option.defaultValue(), List.of(option.description()));
    }

    private static Object value(CommandLine command, String option) {
        return command.getCommandSpec().findOption(option).getValue();
    }

    /** Every command of {@code ./shop} by its name after {@code shop}, e.g. {@code "bench projector"}. */
    private static Map<String, CommandLine> commands() {
        Map<String, CommandLine> commands = new LinkedHashMap<>();
        collect(new CommandLine(new ShopTools()), commands);
        return commands;
    }

    private static void collect(CommandLine parent, Map<String, CommandLine> commands) {
        parent.getSubcommands().values().forEach(sub -> {
            commands.put(sub.getCommandSpec().qualifiedName(" ").substring("shop ".length()), sub);
            collect(sub, commands);
        });
    }
}
