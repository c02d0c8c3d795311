package shop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ./shop}'s commands that act at once (down deletes the containers' data) only print their usage for --help. */
class ShopScriptTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Run(int exitCode, String output) {
    }

    // up and test take the same branch of the script; they are not run here, since a regression would start the
    // whole stack, or this very test suite, from inside a test
    @ParameterizedTest
    @ValueSource(strings = {"down", "status"})
    void helpPrintsTheCommandsUsageAndRunsNothing(String command) throws Exception {
        for (String help : List.of("--help", "-h")) {
            Run run = shop(command, help);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).as("%s %s", command, help).startsWith("  " + command + " ").doesNotContain("[shop]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"down", "status"})
    void anOptionTheCommandDoesNotTakeIsBadUsage(String command) throws Exception {
        Run run = shop(command, "--force");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).startsWith("shop: '" + command + "' takes no options").doesNotContain("[shop]");
    }

    private static Run shop(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("shop").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
