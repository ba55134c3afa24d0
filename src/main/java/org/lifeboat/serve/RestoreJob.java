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
 * The restore role's nightly job: {@code restore --set SELECTOR} of every datastore. Until the drill
 * (run/DrillRun) lands, the nightly drill is this restore; {@link #restore} is the one line to point
 * at it.
 */
public record RestoreJob(String selector, List<String> only, Optional<PointInTime> pointInTime) implements NightlyJob {

    public RestoreJob {
        only = List.copyOf(only);
    }

    /** The nightly job: the newest sets of every datastore. */
    public static RestoreJob latest() {
        return new RestoreJob("latest", List.of(), Optional.empty());
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
        RestoreRun.Result result = restore(appliance, clock);
        List<RunReport.DatastoreReport> reports = result.datastores().stream()
                .map(d -> new RunReport.DatastoreReport(d.datastore(), true, d.loadTime(), d.plainBytes(), 0)).toList();
        return new RunReport(command(), verb(), started, clock.instant(), Optional.of(result.set()), reports, Optional.empty(),
                Optional.of(result.timeToRecover()), Optional.of(result.dataTakenAt()));
    }

    /** What the nightly restore is: today the restore of the chosen sets; the drill once it exists. */
    private RestoreRun.Result restore(Appliance appliance, Clock clock) throws IOException {
        return new RestoreRun(appliance, clock).run(selector, only, pointInTime);
    }
}
