package org.lifeboat.cli;

import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.run.ListRun;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the sets on the backup server.")
final class ListCommand extends ConfiguredCommand {

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        new ListRun(appliance, clock).run(System.out);
        return ExitCodes.OK;
    }
}
