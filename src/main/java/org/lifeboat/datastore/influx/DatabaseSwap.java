package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Puts a checked copy in the place of a live database: the scratch copy of a restore, or at a
 * rollback the copy of the live database a swap kept aside ({@link #copyAside}). InfluxDB 1.x cannot rename a
 * database, so the copy is copied: the live database is dropped and created again with the
 * backed-up retention policies (after the copy is counted once more: nothing may have changed it
 * since its check), every point of the scratch copy is read back and written into it
 * through the client (the same exact line protocol as the backup, so types and escapes are kept;
 * {@code SELECT * INTO} would be faster but turns tags into fields unless grouped, cannot skip
 * points the live policies would refuse, and runs as one unbounded server-side query), the live
 * database is counted against what was copied, its continuous queries are created, and only then
 * is the scratch copy dropped.
 *
 * <p>Until the live database is dropped a failure leaves it as it was. After that, a failure
 * leaves the live database incomplete but the verified copy in place, and the error says so.
 * Points older than a live policy's duration are not copied (InfluxDB would refuse them and
 * would drop them anyway); their number is logged.
 */
final class DatabaseSwap {

    private static final Logger LOG = Logger.getLogger(DatabaseSwap.class);
    /** Points that expire within this margin are not copied, so that none expires while being written. */
    private static final long EXPIRY_MARGIN_NANOS = 60_000_000_000L;

    private final InfluxDumpDatastore datastore;
    private final InfluxSettings settings;
    private final InfluxConnection connection;

    DatabaseSwap(InfluxDumpDatastore datastore, InfluxSettings settings, InfluxConnection connection) {
        this.datastore = datastore;
        this.settings = settings;
        this.connection = connection;
    }

    /**
     * Copies live {@code live} into a new database {@code aside} (its retention policies keeping
     * points for ever there, so that nothing expires while it waits) and checks the copy by its
     * counts; the live database is not changed. {@code policies} and {@code continuousQueries} are
     * the live database's, as read just before. Returns the copy as {@link #replace} puts it back.
     */
    LoadedDatabase copyAside(String live, String aside, List<RetentionPolicy> policies, List<String> continuousQueries)
            throws IOException {
        Map<String, Long> counts = new InfluxRestore(datastore, settings).countPoints(connection, live, policies);
        connection.query(null, "DROP DATABASE " + InfluxQl.identifier(aside));
        create(aside, policies, true);
        Map<String, Long> copied = copyPoints(new LoadedDatabase(aside, live, policies, continuousQueries, counts));
        Map<String, Long> found = new InfluxRestore(datastore, settings).countPoints(connection, aside, policies);
        if (!found.equals(copied)) {
            throw new IOException("the copy '" + aside + "' of database '" + live + "' holds " + found + " points, not " + copied);
        }
        return new LoadedDatabase(live, aside, policies, continuousQueries, copied);
    }

    void replace(LoadedDatabase copy) throws IOException {
        String live = copy.database();
        try {
            Map<String, Long> still = new InfluxRestore(datastore, settings).countPoints(connection, copy.scratch(), copy.policies());
            if (!still.equals(copy.counts())) {
                throw new IOException("the copy '" + copy.scratch() + "' changed since it was checked: it holds " + still
                        + " points, not " + copy.counts());
            }
            connection.query(null, "DROP DATABASE " + InfluxQl.identifier(live));
        } catch (IOException e) {
            throw new IOException("unable to replace database '" + live + "' (live data as it"
                    + " was; the verified copy is kept as '" + copy.scratch() + "'): " + e.getMessage(), e);
        }
        try {
            createLive(copy);
            Map<String, Long> copied = copyPoints(copy);
            Map<String, Long> found = new InfluxRestore(datastore, settings).countPoints(connection, live, copy.policies());
            if (!found.equals(copied)) {
                throw new IOException("database '" + live + "' holds " + found + " points after the copy, not " + copied);
            }
            for (String continuousQuery : copy.continuousQueries()) {
                connection.query(null, continuousQuery);
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException("the swap of database '" + live + "' failed after the live database was"
                    + " dropped: '" + live + "' is incomplete; the verified copy is kept as '" + copy.scratch() + "' (copy it with"
                    + " SELECT * INTO … GROUP BY *, or restore again): " + e.getMessage(), e);
        }
        try {
            connection.query(null, "DROP DATABASE " + InfluxQl.identifier(copy.scratch()));
        } catch (IOException e) {
            // the live database is complete and checked: a leftover scratch copy is dropped by the next restore
            LOG.warnf("%s: database '%s' replaced, but its scratch copy '%s' could not be dropped: %s", datastore.name(), live,
                    copy.scratch(), e.getMessage());
        }
        LOG.infof("%s: database '%s' replaced by the restored copy", datastore.name(), live);
    }

    private void createLive(LoadedDatabase copy) throws IOException {
        create(copy.database(), copy.policies(), false);
    }

    /**
     * Creates {@code database} with {@code policies} in their order (so that the server lists them
     * as it did), the first one as the database's own and each later one with its default flag;
     * {@code forever}: every policy keeps its points for ever.
     */
    private void create(String database, List<RetentionPolicy> policies, boolean forever) throws IOException {
        if (policies.isEmpty()) {
            connection.query(null, "CREATE DATABASE " + InfluxQl.identifier(database));
            return;
        }
        for (int i = 0; i < policies.size(); i++) {
            RetentionPolicy policy = forever ? policies.get(i).keepingForever() : policies.get(i);
            connection.query(null, i == 0 ? policy.createDatabase(database) : policy.create(database));
        }
    }

    /** Copies every point the live policies accept and returns {@code "rp"."measurement"} → points copied. */
    private Map<String, Long> copyPoints(LoadedDatabase copy) throws IOException {
        InfluxCatalog catalog = new InfluxCatalog(connection);
        PointScan scan = new PointScan(connection, settings.chunkDuration());
        ShardWindows shards = catalog.shardGroups(copy.scratch());
        List<String> measurements = catalog.measurements(copy.scratch());
        Map<String, Long> copied = new TreeMap<>();
        for (RetentionPolicy policy : copy.policies()) {
            Map<String, FieldTypes> types = catalog.fieldTypes(copy.scratch(), policy.name());
            long notBefore = policy.expires()
                    ? System.currentTimeMillis() * 1_000_000L - policy.durationNanos() + EXPIRY_MARGIN_NANOS : Long.MIN_VALUE;
            for (String measurement : measurements) {
                List<String> batch = new ArrayList<>(settings.batchSize());
                String key = InfluxQl.qualified(policy.name(), measurement);
                long points = scan.scan(copy.scratch(), policy.name(), measurement, shards,
                        types.getOrDefault(measurement, FieldTypes.none(key)), notBefore, line -> {
                            batch.add(line);
                            if (batch.size() >= settings.batchSize()) {
                                connection.write(copy.database(), policy.name(), batch);
                                batch.clear();
                            }
                        });
                if (!batch.isEmpty()) {
                    connection.write(copy.database(), policy.name(), batch);
                }
                if (points > 0) {
                    copied.put(key, points);
                }
                long expired = copy.counts().getOrDefault(key, 0L) - points;
                if (expired < 0 || (expired > 0 && !policy.expires())) {
                    throw new IOException(points + " points of " + key + " copied, but the checked copy holds "
                            + copy.counts().getOrDefault(key, 0L));
                }
                if (expired > 0) {
                    LOG.infof("%s: %d points of %s in database '%s' are older than the policy's duration and were not copied",
                            datastore.name(), expired, key, copy.database());
                }
            }
        }
        return copied;
    }
}
