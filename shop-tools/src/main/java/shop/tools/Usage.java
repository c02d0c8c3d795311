package shop.tools;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Bad usage that only the values show (a negative position, a range backwards): refused as picocli refuses an
 * unknown option, with exit code 2 and the command's usage, before the command touches anything.
 */
public final class Usage {

    private Usage() {
    }

    public static void require(boolean valid, CommandSpec command, String message) {
        if (!valid) {
            throw new ParameterException(command.commandLine(), message);
        }
    }
}
