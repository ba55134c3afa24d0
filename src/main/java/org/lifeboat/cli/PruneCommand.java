package org.lifeboat.cli;

import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.Role;
import org.lifeboat.serve.JobRunner;
import org.lifeboat.serve.PruneJob;
import org.lifeboat.serve.RunHistory;
import org.lifeboat.server.ServerPrune;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Seal new sets, remove those the retention policy does not keep and stale unfinished sets, sweep"
                + " the mirrors (server role; backup role only with prune-after-backup).")
final class PruneCommand extends ConfiguredCommand {

    @Option(names = "--dry-run", description = "print each decision and why, remove nothing")
    boolean dryRun;

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        if (appliance.role() == Role.SERVER) {
            new ServerPrune(appliance, clock).run(dryRun, System.out);
        } else {
            new JobRunner(new RunHistory()).run(new PruneJob(dryRun, System.out), appliance, clock);
        }
        return ExitCodes.OK;
    }
}
