package org.lifeboat.cli;

import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.run.PruneRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Remove sets the retention policy does not keep, and stale unfinished sets (backup role).")
final class PruneCommand extends ConfiguredCommand {

    @Option(names = "--dry-run", description = "print each decision and why, remove nothing")
    boolean dryRun;

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        new PruneRun(appliance, clock).run(dryRun, System.out);
        return ExitCodes.OK;
    }
}
