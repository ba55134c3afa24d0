package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * One restore of an InfluxDB dump set. {@link #prepare} loads every database into
 * {@code <db>_lifeboat_restore} and counts its points per retention policy and measurement against
 * the manifest; nothing live is touched. The swap ({@link PreparedDatabases}) comes later, when
 * every datastore of the set is ready. A restore first settles the swap of an earlier restore that
 * was killed before it committed ({@link SwapSettlement}).
 */
final class InfluxRestore {

    private static final Logger LOG = Logger.getLogger(InfluxRestore.class);

    private final InfluxDumpDatastore datastore;
    private final InfluxSettings settings;

    InfluxRestore(InfluxDumpDatastore datastore, InfluxSettings settings) {
        this.datastore = datastore;
        this.settings = settings;
    }

    PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        List<LoadedDatabase> loaded = new ArrayList<>();
        List<String> scratches = new ArrayList<>();
        try (InfluxConnection connection = datastore.connect()) {
            PreparedDatabases.settleInterrupted(datastore, settings, connection);
            try {
                for (ArtifactRecord artifact : recorded.artifacts()) {
                    String scratch = ArtifactNames.scratch(artifact.subject());
                    scratches.add(scratch);
                    LoadedDatabase database;
                    try {
                        database = new ScratchLoad(connection, settings.batchSize()).load(source, artifact, scratch);
                    } catch (IOException | RuntimeException e) {
                        throw new IOException("unable to load '" + artifact.path() + "' into database '"
                                + scratch + "': " + e.getMessage(), e);
                    }
                    Map<String, Long> expected = recorded.counts().getOrDefault(database.database(), Map.of());
                    Map<String, Long> counts = countPoints(connection, scratch, database.policies(), expected.keySet());
                    check(database.database(), expected, counts);
                    loaded.add(new LoadedDatabase(database.database(), scratch, database.policies(), database.continuousQueries(),
                            counts));
                }
            } catch (IOException | RuntimeException e) {
                dropQuietly(connection, scratches);
                throw e;
            }
        }
        return new PreparedDatabases(datastore, settings, loaded, datastore.keepsReplaced());
    }

    /**
     * {@code "rp"."measurement"} → points, for every policy and measurement of {@code database}
     * that has any, as the server itself counts them ({@link PointCensus}), not as a read of the
     * points would find them.
     */
    Map<String, Long> countPoints(InfluxConnection connection, String database, List<RetentionPolicy> policies) throws IOException {
        return countPoints(connection, database, policies, Set.of());
    }

    /** The same, counting also every {@code "rp"."measurement"} of {@code expected} (from the manifest). */
    Map<String, Long> countPoints(InfluxConnection connection, String database, List<RetentionPolicy> policies,
            Set<String> expected) throws IOException {
        return new PointCensus(connection).pointsByMeasurement(database, policies, expected);
    }

    private void check(String database, Map<String, Long> expected, Map<String, Long> actual) throws IOException {
        List<String> differences = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            long want = expected.getOrDefault(key, 0L);
            long found = actual.getOrDefault(key, 0L);
            if (want != found) {
                differences.add(key + " expected " + want + " points, found " + found);
            }
        }
        if (!differences.isEmpty()) {
            throw new IOException("restored database '" + database + "' does not match the manifest: "
                    + String.join("; ", differences));
        }
        LOG.infof("%s: database '%s' restored and checked: %d measurements, %d points match the manifest", datastore.name(),
                database, actual.size(), actual.values().stream().mapToLong(Long::longValue).sum());
    }

    private void dropQuietly(InfluxConnection connection, List<String> scratches) {
        for (String scratch : scratches) {
            try {
                connection.query(null, "DROP DATABASE " + InfluxQl.identifier(scratch));
            } catch (IOException | RuntimeException e) {
                // cleanup after a failed restore: the live data is untouched; the next restore drops a leftover scratch first
                LOG.warnf("%s: unable to drop scratch database '%s' after the failure: %s", datastore.name(), scratch, e.getMessage());
            }
        }
    }
}
