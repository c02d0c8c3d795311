package shop.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;

/**
 * Values no command can use are bad usage: exit code 2, the reason and the usage, and nothing touched. The
 * endpoints named here do not exist, so a command that went ahead would fail otherwise (exit 1).
 */
class BadUsageTest {

    private static final String[] NOWHERE = {"--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none", "--redis", "redis://127.0.0.1:1",
            "--bootstrap-servers", "127.0.0.1:1"};

    static Stream<Arguments> badUsages() {
        return Stream.of(
                Arguments.of(new String[]{"replay", "history", "--aggregate", "a", "--at", "-1"}, "--at must be 0 or more"),
                Arguments.of(new String[]{"replay", "republish", "--stream", "cart", "--from-position", "10", "--to-position", "5"},
                        "--to-position must not be below --from-position"),
                Arguments.of(new String[]{"replay", "republish", "--stream", "cart", "--from-position", "-5"}, "--from-position must be 0 or more"),
                Arguments.of(new String[]{"replay", "rebuild", "--view", "bogus", "--dry-run"}, "--view must be carts, orders, customer-orders or all"),
                Arguments.of(new String[]{"replay", "rebuild", "--view", "carts", "--chunk-size", "0"}, "--chunk-size must be 1 or more"),
                Arguments.of(new String[]{"verify", "--show", "-1"}, "--show must be 0 or more"),
                Arguments.of(new String[]{"redrive", "--topic", "shop.cart.events"}, "--topic must name a dead-letter topic"),
                Arguments.of(new String[]{"redrive", "--topic", "shop.cart.events.dlt", "--timeout", "-PT1S"}, "--timeout must be positive"));
    }

    @ParameterizedTest
    @MethodSource("badUsages")
    void isRefusedWithExitCode2BeforeAnythingIsTouched(String[] arguments, String reason) {
        CommandLine shop = new CommandLine(new ShopTools()).setCaseInsensitiveEnumValuesAllowed(true);
        StringWriter err = new StringWriter();
        shop.setErr(new PrintWriter(err, true));

        int exit = shop.execute(Stream.concat(Stream.of(arguments), Stream.of(withEndpoints(arguments))).toArray(String[]::new));

        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).startsWith(reason).contains("Usage: shop ");
    }

    /** The endpoint options the command takes, all pointing nowhere. */
    private static String[] withEndpoints(String[] arguments) {
        CommandLine command = new CommandLine(new ShopTools());
        for (String name : arguments) {
            if (command.getSubcommands().containsKey(name)) {
                command = command.getSubcommands().get(name);
            }
        }
        CommandLine target = command;
        Stream.Builder<String> options = Stream.builder();
        for (int i = 0; i < NOWHERE.length; i += 2) {
            if (target.getCommandSpec().findOption(NOWHERE[i]) != null) {
                options.add(NOWHERE[i]).add(NOWHERE[i + 1]);
            }
        }
        return options.build().toArray(String[]::new);
    }
}
