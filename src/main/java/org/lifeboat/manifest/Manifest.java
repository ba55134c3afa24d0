package org.lifeboat.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record of one complete set, written last into its folder.
 *
 * @param formatVersion the manifest format, {@value #FORMAT_VERSION} for this program
 * @param program the program and version that wrote it
 * @param environment the environment backed up
 * @param set the set's folder name
 * @param started when the run started (UTC)
 * @param finished when the last artifact was written
 * @param recipients the age public keys the artifacts are encrypted to
 * @param datastores one entry per datastore, all of them successful
 */
public record Manifest(
        int formatVersion,
        String program,
        String environment,
        String set,
        Instant started,
        Instant finished,
        List<String> recipients,
        List<DatastoreRecord> datastores) {

    /** The manifest format this program writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        recipients = List.copyOf(recipients);
        datastores = List.copyOf(datastores);
    }

    /** The entry for the datastore called {@code name}. */
    public Optional<DatastoreRecord> datastore(String name) {
        return datastores.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Stored bytes of every artifact. */
    public long storedBytes() {
        return datastores.stream().flatMap(d -> d.artifacts().stream()).mapToLong(ArtifactRecord::storedBytes).sum();
    }
}
