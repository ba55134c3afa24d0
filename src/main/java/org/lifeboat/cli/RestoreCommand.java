package org.lifeboat.cli;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.lifeboat.app.Appliance;
import org.lifeboat.datastore.PointInTime;
import org.lifeboat.serve.JobRunner;
import org.lifeboat.serve.RestoreJob;
import org.lifeboat.serve.RunHistory;
import org.lifeboat.serve.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a complete set into this environment's datastores (restore role), verified before anything is replaced.")
final class RestoreCommand extends ConfiguredCommand {

    @Option(names = "--set", paramLabel = "DATE|NAME|latest", defaultValue = "latest",
            description = "which set: latest (default), a date YYYY-MM-DD (its newest set) or a set name")
    String set;

    @Option(names = "--datastore", paramLabel = "NAME", description = "restore only this datastore")
    String datastore;

    @Option(names = "--target-time", paramLabel = "TIMESTAMP",
            description = "disaster recovery: restore PostgreSQL (differential mode) to this moment, e.g. '2026-11-22 14:30:00+00'")
    String targetTime;

    @Option(names = "--target-lsn", paramLabel = "LSN",
            description = "disaster recovery: restore PostgreSQL (differential mode) to this WAL position, e.g. 0/3000060")
    String targetLsn;

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        Optional<PointInTime> pointInTime = targetTime != null || targetLsn != null
                ? Optional.of(new PointInTime(targetTime, targetLsn)) : Optional.empty();
        RunReport report = new JobRunner(new RunHistory()).run(new RestoreJob(set, datastore == null ? List.of() : List.of(datastore),
                pointInTime), appliance, clock);
        System.out.printf("restore complete: set %s, datastores %s, time to recover %.1f s%n", report.set().orElseThrow(),
                String.join(",", report.datastores().stream().map(RunReport.DatastoreReport::name).toList()),
                report.timeToRecover().orElseThrow().toMillis() / 1000.0);
        return ExitCodes.OK;
    }
}
