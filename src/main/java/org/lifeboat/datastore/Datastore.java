package org.lifeboat.datastore;

import java.io.IOException;
import java.util.List;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * A datastore that can be backed up into artifacts and restored from them. Every exception names
 * the datastore and its address ({@link #describe()}).
 */
public interface Datastore {

    /** The configured name, for example {@code postgres}; also its folder inside a set. */
    String name();

    /** The technology, for example {@code postgresql}. */
    String kind();

    /** How it is backed up, for example {@code dump}. */
    String mode();

    /** Name and address for messages, without secrets: {@code postgres (postgresql://127.0.0.1:5432)}. */
    String describe();

    /**
     * Writes this datastore's artifacts through {@code sink} and returns what the manifest records.
     * Any failure throws; the caller then publishes no set.
     */
    BackupResult backup(ArtifactSink sink) throws IOException;

    /**
     * Restores what {@code recorded} describes, reading artifacts from {@code source}. Data is
     * loaded and checked against the recorded counts before anything live is replaced; a failure
     * before that leaves the live data as it was.
     */
    void restore(DatastoreRecord recorded, ArtifactSource source) throws IOException;

    /** Checks reachability and tool versions; never throws for a failed check. */
    List<Check> precheck();
}
