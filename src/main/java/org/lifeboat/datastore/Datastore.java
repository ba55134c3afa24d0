package org.lifeboat.datastore;

import java.io.IOException;
import java.util.List;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * A datastore that can be backed up into artifacts and restored from them. Its exceptions say what
 * failed inside it (the database, collection, bucket or object) but do not start with
 * {@link #describe()}: the backup or restore run that calls it adds that, once, so every error names
 * the datastore and its address exactly once. A {@link Check}'s subject starts with {@link #name()};
 * its detail names the address, not the name again.
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
     * Loads what {@code recorded} describes, reading artifacts from {@code source}, into a place
     * beside the live data (a scratch database, temporary collections, …) and checks it against
     * the recorded counts. Nothing live is touched: a failure leaves the live data as it was and
     * nothing behind.
     *
     * @return the checked copy, for the caller to swap in or discard
     */
    PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException;

    /** Checks reachability and tool versions; never throws for a failed check. */
    List<Check> precheck();
}
