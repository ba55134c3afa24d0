package org.lifeboat.manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one datastore's backup produced.
 *
 * @param name the configured name, for example {@code postgres}
 * @param kind the technology, for example {@code postgresql}
 * @param mode how it was backed up, for example {@code dump}
 * @param started when its backup started
 * @param finished when its last artifact was written
 * @param versions server and tool versions, for example {@code server → 15.20}
 * @param artifacts the artifacts, in the order they were written
 * @param counts counts taken at backup time: scope (a database) → item (a table) → count
 * @param excluded what the configuration left out, for the record
 */
public record DatastoreRecord(
        String name,
        String kind,
        String mode,
        Instant started,
        Instant finished,
        Map<String, String> versions,
        List<ArtifactRecord> artifacts,
        Map<String, Map<String, Long>> counts,
        List<String> excluded) {

    public DatastoreRecord {
        versions = Map.copyOf(versions);
        artifacts = List.copyOf(artifacts);
        counts = Map.copyOf(counts);
        excluded = List.copyOf(excluded);
    }

    /** How long the backup took. */
    public Duration duration() {
        return Duration.between(started, finished);
    }

    /** Plaintext bytes of its artifacts: what a restore of it reads. */
    public long plainBytes() {
        return artifacts.stream().mapToLong(ArtifactRecord::plainBytes).sum();
    }
}
