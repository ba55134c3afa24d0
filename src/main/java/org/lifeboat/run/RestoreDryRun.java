package org.lifeboat.run;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lifeboat.Sizes;
import org.lifeboat.app.Appliance;
import org.lifeboat.datastore.PointInTime;
import org.lifeboat.report.DrillReport;
import org.lifeboat.report.ReportTable;

/**
 * {@code restore --dry-run}: what a restore would do, touching nothing: per datastore what would
 * be replaced, from which set, its date and age and size; and how long the last passed drill or
 * recovery took, as the expected duration.
 */
public final class RestoreDryRun {

    private final Appliance appliance;
    private final Clock clock;

    public RestoreDryRun(Appliance appliance, Clock clock) {
        this.appliance = appliance;
        this.clock = clock;
    }

    /** Prints the plan of restoring {@code selector} into {@code only} (all when empty). */
    public void print(String selector, List<String> only, Optional<PointInTime> pointInTime, PrintStream out) throws IOException {
        RestorePlan plan = new RestoreRun(appliance, clock).plan(selector, only, pointInTime);
        Instant now = clock.instant();
        out.printf("plan: restore %s's set %s into %s (nothing is changed by --dry-run)%n", appliance.setsEnvironment(),
                String.join("+", plan.sets()), appliance.config().environment());
        long total = 0;
        for (RestorePlan.Part part : plan.parts()) {
            long bytes = part.record().plainBytes();
            total += bytes;
            out.printf("  replaces %s%n    with set %s, taken %s (%s old), %s in %d artifacts%s%n", part.datastore().describe(),
                    part.set().name(), part.record().started(), ReportTable.age(Duration.between(part.record().started(), now)),
                    Sizes.bytes(bytes), part.record().artifacts().size(),
                    pointInTime.map(p -> ", then replayed to " + (p.time() != null ? p.time() : "LSN " + p.lsn())).orElse(""));
        }
        out.printf("  total %s%n", Sizes.bytes(total));
        Optional<DrillReport> last = new ReportsRun(appliance).reports(50).stream().filter(DrillReport::passed)
                .reduce((a, b) -> b);
        out.println(last.map(r -> "  expected duration: about " + Sizes.seconds(r.duration().toNanos()) + " (the last passed "
                + r.kind() + ", " + r.finished() + ", set " + r.set() + ")")
                .orElse("  expected duration: unknown (no passed drill report yet)"));
    }
}
