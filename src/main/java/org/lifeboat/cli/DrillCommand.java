package org.lifeboat.cli;

import java.time.Clock;
import org.lifeboat.app.Appliance;
import org.lifeboat.serve.DrillJob;
import org.lifeboat.serve.JobRunner;
import org.lifeboat.serve.RunHistory;
import picocli.CommandLine.Command;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"The nightly restore drill (restore role): restore the newest complete set, which must be fresher than"
                + " lifeboat.restore.drill.max-age, into this environment, all datastores or none; run the post-restore steps"
                + " (the Elasticsearch rebuild, hooks, commands); print and store the report with the data age (RPO) and the"
                + " time to recover (RTO).",
                "Exit 0 when everything passed, 1 when anything failed (the live data is then as it was), 2 for a configuration error."})
final class DrillCommand extends ConfiguredCommand {

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        new JobRunner(new RunHistory()).run(DrillJob.nightly(), appliance, clock);
        return ExitCodes.OK;
    }
}
