package shop.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import shop.tools.auth.DevIssuerCommand;
import shop.tools.auth.TokenCommand;
import shop.tools.bench.BenchCommand;
import shop.tools.bench.LoadCommand;
import shop.tools.redrive.RedriveCommand;
import shop.tools.replay.ReplayCommand;
import shop.tools.verify.VerifyCommand;

/** The tools behind {@code ./shop bench ...}; each subcommand has its own {@code --help}. */
@Command(name = "shop", mixinStandardHelpOptions = true, subcommands = {BenchCommand.class, DevIssuerCommand.class, TokenCommand.class, VerifyCommand.class,
        RedriveCommand.class, ReplayCommand.class, LoadCommand.class},
        description = "shop-es command-line tools")
public class ShopTools {

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new ShopTools())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // an operator needs the cause, not a stack trace; exit code 1 as documented
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    line.getErr().println(line.getCommandName() + ": failed: " + failure);
                    return 1;
                });
        System.exit(commandLine.execute(args));
    }
}
