package org.lifeboat.cli;

import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.serve.JobRunner;
import org.lifeboat.serve.PruneJob;
import org.lifeboat.serve.RunHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Remove sets the retention policy does not keep, and stale unfinished sets (backup role).")
final class PruneCommand extends ConfiguredCommand {

    @Option(names = "--dry-run", description = "print each decision and why, remove nothing")
    boolean dryRun;

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        new JobRunner(new RunHistory()).run(new PruneJob(dryRun, System.out), appliance, clock);
        return ExitCodes.OK;
    }
}
