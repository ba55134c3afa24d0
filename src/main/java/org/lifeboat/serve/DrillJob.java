package org.lifeboat.serve;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.Role;
import org.lifeboat.datastore.PointInTime;
import org.lifeboat.report.DrillReport;
import org.lifeboat.report.ReportTable;
import org.lifeboat.run.DrillRun;
import org.lifeboat.run.RunFailedException;

/**
 * The restore role's nightly job, {@code lifeboat drill}; with a selector, the disaster recovery
 * ({@code restore --disaster-recovery}). Prints the drill report; a failed drill (its report
 * written) fails the job, so that it alerts.
 *
 * @param selector {@code latest} for the drill, the chosen set for a disaster recovery
 * @param pointInTime for a disaster recovery to a moment between backups
 * @param disasterRecovery whether this is the disaster recovery rather than the drill
 * @param out where the report's table goes
 */
public record DrillJob(String selector, Optional<PointInTime> pointInTime, boolean disasterRecovery, PrintStream out)
        implements NightlyJob {

    /** The nightly drill, printing to stdout. */
    public static DrillJob nightly() {
        return new DrillJob("latest", Optional.empty(), false, System.out);
    }

    @Override
    public String command() {
        return disasterRecovery ? "restore --set " + selector + " --disaster-recovery" : "drill";
    }

    @Override
    public Role role() {
        return Role.RESTORE;
    }

    /** {@code restore}: a drill is the restore role's run, in the run history, readiness and metrics. */
    @Override
    public String verb() {
        return "restore";
    }

    @Override
    public RunReport run(Appliance appliance, Clock clock) throws IOException {
        DrillRun drill = new DrillRun(appliance, clock);
        DrillReport report = disasterRecovery ? drill.recover(selector, pointInTime) : drill.drill();
        out.print(ReportTable.of(report));
        if (!report.passed()) {
            throw new RunFailedException(report.kind() + " failed: " + report.error().orElse("see its report"));
        }
        List<RunReport.DatastoreReport> datastores = report.datastores().stream()
                .map(d -> new RunReport.DatastoreReport(d.datastore(), true, d.restoreTime(), d.plainBytes(), 0)).toList();
        return new RunReport(command(), verb(), report.started(), report.finished(), Optional.of(report.set()), datastores,
                Optional.empty(), Optional.of(report.duration()), report.dataTakenAt());
    }
}
