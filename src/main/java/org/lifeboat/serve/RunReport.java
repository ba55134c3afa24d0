package org.lifeboat.serve;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one run of a job did, for metrics, health and notifications.
 *
 * @param command the command line it stands for, for example {@code backup --datastore postgres}
 * @param verb {@code backup}, {@code restore} or {@code prune}
 * @param started when it started
 * @param finished when it ended
 * @param set the set made or restored, if any
 * @param datastores per datastore, what it did
 * @param error why it failed; empty when it succeeded
 * @param timeToRecover a restore's time to recover (RTO)
 * @param dataTakenAt a restore's oldest restored data was taken then (its age is the RPO)
 */
public record RunReport(String command, String verb, Instant started, Instant finished, Optional<String> set,
        List<DatastoreReport> datastores, Optional<String> error, Optional<Duration> timeToRecover, Optional<Instant> dataTakenAt) {

    public RunReport {
        datastores = List.copyOf(datastores);
    }

    /** True when the run did all it was asked. */
    public boolean ok() {
        return error.isEmpty();
    }

    public Duration duration() {
        return Duration.between(started, finished);
    }

    /** The same run, failed with {@code why}; datastores named in {@code failed} are marked failed. */
    public static RunReport failed(String command, String verb, Instant started, Instant finished, String why, List<String> failed) {
        List<DatastoreReport> reports = failed.stream().map(d -> new DatastoreReport(d, false, Duration.ZERO, 0, 0)).toList();
        return new RunReport(command, verb, started, finished, Optional.empty(), reports, Optional.of(why), Optional.empty(),
                Optional.empty());
    }

    /**
     * One datastore in a run.
     *
     * @param name its name
     * @param ok whether it was backed up (restored)
     * @param duration how long it took
     * @param plainBytes its artifacts' bytes before compression and encryption
     * @param storedBytes its artifacts' bytes on the backup server
     */
    public record DatastoreReport(String name, boolean ok, Duration duration, long plainBytes, long storedBytes) {
    }
}
