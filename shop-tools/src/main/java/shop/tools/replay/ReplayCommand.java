package shop.tools.replay;

import picocli.CommandLine.Command;

import shop.tools.verify.VerifyCommand;

/** {@code ./shop replay ...}: rebuild, republish and inspect from the event store. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        subcommands = {RebuildCommand.class, RepublishCommand.class, HistoryCommand.class, ResetOffsetsCommand.class, VerifyCommand.class},
        description = "Rebuild read models, republish and inspect events from the event store.",
        footerHeading = "%nExit codes (every subcommand):%n",
        footer = {"  0  done", "  1  failed (an error, drift found by verify, no such aggregate)", "  2  bad usage",
                "  3  refused (reset-offsets while the group has members)"})
public class ReplayCommand {

    static final int REFUSED = 3;
}
