package org.lifeboat.cli;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.lifeboat.ConfigException;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.Role;
import org.lifeboat.datastore.PointInTime;
import org.lifeboat.run.RestoreDryRun;
import org.lifeboat.serve.DrillJob;
import org.lifeboat.serve.JobRunner;
import org.lifeboat.serve.RestoreJob;
import org.lifeboat.serve.RunHistory;
import org.lifeboat.serve.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a complete set into this environment's datastores (restore role), verified before anything is"
                + " replaced, all datastores or none.",
                "Restoring an environment's own sets into it is a disaster recovery: it needs --disaster-recovery --confirm"
                + " <environment>, runs the post-restore steps and writes a report like the drill."})
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

    @Option(names = "--disaster-recovery",
            description = "restore this environment's own sets into it (the drill's code: all or nothing, post-restore steps, report)")
    boolean disasterRecovery;

    @Option(names = "--confirm", paramLabel = "ENVIRONMENT",
            description = "with --disaster-recovery: the name of this environment, to say it is the one to replace")
    String confirm;

    @Option(names = "--dry-run", description = "print what would be replaced, from which set, its age and size, and the expected"
            + " duration; change nothing")
    boolean dryRun;

    @Override
    int run(Appliance appliance, Clock clock) throws Exception {
        appliance.requireRole(Role.RESTORE, "restore");
        Optional<PointInTime> pointInTime = targetTime != null || targetLsn != null
                ? Optional.of(new PointInTime(targetTime, targetLsn)) : Optional.empty();
        List<String> only = datastore == null ? List.of() : List.of(datastore);
        if (dryRun) {
            new RestoreDryRun(appliance, clock).print(set, only, pointInTime, System.out);
            return ExitCodes.OK;
        }
        if (guard(appliance.config().environment(), appliance.setsEnvironment())) {
            if (datastore != null) {
                throw new ConfigException("--disaster-recovery restores every datastore (all or nothing); --datastore is not for it");
            }
            new JobRunner(new RunHistory()).run(new DrillJob(set, pointInTime, true, System.out), appliance, clock);
            return ExitCodes.OK;
        }
        RunReport report = new JobRunner(new RunHistory()).run(new RestoreJob(set, only, pointInTime), appliance, clock);
        System.out.printf("restore complete: set %s, datastores %s, time to recover %.1f s%n", report.set().orElseThrow(),
                String.join(",", report.datastores().stream().map(RunReport.DatastoreReport::name).toList()),
                report.timeToRecover().orElseThrow().toMillis() / 1000.0);
        return ExitCodes.OK;
    }

    /**
     * Whether this is a disaster recovery, refusing what does not add up: restoring {@code source}'s
     * sets into {@code environment} itself needs {@code --disaster-recovery --confirm environment};
     * {@code --disaster-recovery} into another environment (staging) is a mistake.
     */
    private boolean guard(String environment, String source) {
        boolean own = environment.equals(source);
        if (own && !disasterRecovery) {
            throw new ConfigException("restoring " + environment + "'s own sets into " + environment
                    + " replaces its live data: that is a disaster recovery; give --disaster-recovery --confirm " + environment
                    + " (and try --dry-run first)");
        }
        if (!own && (disasterRecovery || confirm != null)) {
            throw new ConfigException("--disaster-recovery restores an environment's own sets into it; this server restores "
                    + source + "'s sets into " + environment + " (lifeboat.restore.source-environment): use restore or drill");
        }
        if (own && !environment.equals(confirm)) {
            throw new ConfigException("a disaster recovery of " + environment + " needs --confirm " + environment
                    + (confirm == null ? "" : " (given: '" + confirm + "')"));
        }
        return own;
    }
}
