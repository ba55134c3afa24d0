package org.lifeboat.cli;

import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.run.ReportsRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reports", mixinStandardHelpOptions = true,
        description = "List the past drills and disaster recoveries from the backup server, with their data age (RPO) and time to"
                + " recover (RTO).")
final class ReportsCommand extends ConfiguredCommand {

    @Option(names = "--last", paramLabel = "N", defaultValue = "30", description = "how many of the newest reports (default 30)")
    int last;

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        new ReportsRun(appliance).print(last, System.out);
        return ExitCodes.OK;
    }
}
