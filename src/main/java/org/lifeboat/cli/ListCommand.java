package org.lifeboat.cli;

import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.run.ListRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the sets on the backup server.")
final class ListCommand extends ConfiguredCommand {

    @Option(names = "--json", description = "print the sets as a JSON array (set, status, storedBytes, datastores, started,"
            + " ageSeconds, problem)")
    boolean json;

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        ListRun list = new ListRun(appliance, clock);
        if (json) {
            list.runJson(System.out);
        } else {
            list.run(System.out);
        }
        return ExitCodes.OK;
    }
}
