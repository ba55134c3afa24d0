package org.lifeboat.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lifeboat.rebuild.StepResult;

/**
 * What one drill or disaster recovery did and proved.
 *
 * @param kind {@code drill} or {@code disaster-recovery}
 * @param environment where it restored into
 * @param sourceEnvironment whose sets it restored
 * @param sets the sets restored from, oldest first; empty when none was chosen
 * @param dataTakenAt when the oldest restored data was taken, if a set was chosen
 * @param started when the run started
 * @param finished when it ended
 * @param datastores one line per datastore restored (none when the run failed before a swap)
 * @param steps the post-restore steps' results, in order
 * @param passed whether every datastore was restored and checked and every step passed
 * @param error why it failed, one line, or empty
 */
public record DrillReport(String kind, String environment, String sourceEnvironment, List<String> sets,
        Optional<Instant> dataTakenAt, Instant started, Instant finished, List<DatastoreLine> datastores,
        List<StepResult> steps, boolean passed, Optional<String> error) {

    /** The kind of a nightly drill. */
    public static final String DRILL = "drill";
    /** The kind of a disaster-recovery run. */
    public static final String DISASTER_RECOVERY = "disaster-recovery";

    public DrillReport {
        sets = List.copyOf(sets);
        datastores = List.copyOf(datastores);
        steps = List.copyOf(steps);
    }

    /**
     * One datastore's restore.
     *
     * @param datastore its name
     * @param set the set it came from
     * @param restoreTime loading and checking it beside the live data
     * @param plainBytes its artifacts' plaintext bytes
     * @param checked what was compared with the manifest, per kind of count (tables, collections,
     *     measurements, buckets) the name and the count, which the restored copy matched
     */
    public record DatastoreLine(String datastore, String set, Duration restoreTime, long plainBytes,
            Map<String, Map<String, Long>> checked) {
    }

    /** The age of the data when the run started (the recovery point), if a set was chosen. */
    public Optional<Duration> dataAge() {
        return dataTakenAt.map(taken -> Duration.between(taken, started));
    }

    /** From start to end (the time to recover when it passed). */
    public Duration duration() {
        return Duration.between(started, finished);
    }

    /** The sets as one name. */
    public String set() {
        return sets.isEmpty() ? "-" : String.join("+", sets);
    }
}
