package org.lifeboat.serve;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.Role;
import org.lifeboat.datastore.PointInTime;
import org.lifeboat.run.RestoreRun;

/**
 * {@code restore --set SELECTOR} (with {@code --datastore NAME} for each of {@code only}): the
 * restore of the chosen sets, without the drill's post-restore steps and report ({@link DrillJob}
 * is the restore role's nightly job).
 */
public record RestoreJob(String selector, List<String> only, Optional<PointInTime> pointInTime) implements NightlyJob {

    public RestoreJob {
        only = List.copyOf(only);
    }

    @Override
    public String command() {
        StringBuilder command = new StringBuilder("latest".equals(selector) ? "restore" : "restore --set " + selector);
        only.forEach(d -> command.append(" --datastore ").append(d));
        pointInTime.ifPresent(p -> command.append(" (point in time)"));
        return command.toString();
    }

    @Override
    public Role role() {
        return Role.RESTORE;
    }

    @Override
    public String verb() {
        return "restore";
    }

    @Override
    public RunReport run(Appliance appliance, Clock clock) throws IOException {
        Instant started = clock.instant();
        RestoreRun.Result result = new RestoreRun(appliance, clock).run(selector, only, pointInTime);
        List<RunReport.DatastoreReport> reports = result.datastores().stream()
                .map(d -> new RunReport.DatastoreReport(d.datastore(), true, d.loadTime(), d.plainBytes(), 0)).toList();
        return new RunReport(command(), verb(), started, clock.instant(), Optional.of(result.set()), reports, Optional.empty(),
                Optional.of(result.timeToRecover()), Optional.of(result.dataTakenAt()));
    }
}
