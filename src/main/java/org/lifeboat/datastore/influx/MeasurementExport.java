package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Exports one measurement of one retention policy ({@link PointScan}) and checks what was read
 * against the server's own counts ({@link PointCensus}), taken before and after the read, in two
 * parts: points older than the split time (which nothing normally writes while a backup runs)
 * and newer ones. A part whose values the server counts the same before and after must have been
 * read exactly: every point (series and time) and every field value, and the first and last
 * points at their exact times. A part that changed while it was read (points written, or a shard
 * group expired) can only be checked against the range between the two counts; a warning says so.
 * Any other difference fails the backup: the export lost or invented data.
 */
final class MeasurementExport {

    private static final Logger LOG = Logger.getLogger(MeasurementExport.class);

    private final PointScan scan;
    private final PointCensus census;

    MeasurementExport(InfluxConnection connection, Duration window) {
        this.scan = new PointScan(connection, window);
        this.census = new PointCensus(connection);
    }

    /**
     * Hands every point of {@code rp.measurement} to {@code lines}, checks them, and returns how
     * many there were.
     *
     * @param types the measurement's field types in {@code rp}, or null if it has none there
     * @param split the time dividing old and new points, in nanoseconds
     */
    long export(String database, String rp, String measurement, ShardWindows shards, FieldTypes types, long split,
            PointScan.LineConsumer lines) throws IOException {
        String where = InfluxQl.qualified(rp, measurement);
        if (types == null) {
            PointTally tally = scan.scan(database, rp, measurement, shards, FieldTypes.none(where), Long.MIN_VALUE, split, lines);
            if (tally.points() > 0) {
                throw new IOException(where + " has points but SHOW FIELD KEYS lists no field for it: unable to check them");
            }
            return 0;
        }
        Map<String, Long> oldBefore = census.values(database, rp, measurement, ShardWindows.MIN_TIME, split);
        Map<String, Long> newBefore = census.values(database, rp, measurement, split, Long.MAX_VALUE);
        PointTally tally = scan.scan(database, rp, measurement, shards, types, Long.MIN_VALUE, split, lines);
        Map<String, Long> oldAfter = census.values(database, rp, measurement, ShardWindows.MIN_TIME, split);
        Map<String, Long> newAfter = census.values(database, rp, measurement, split, Long.MAX_VALUE);
        boolean oldStable = check(database, rp, measurement, "before " + split, oldBefore, oldAfter, tally.before(),
                types, ShardWindows.MIN_TIME, split);
        boolean newStable = check(database, rp, measurement, "from " + split, newBefore, newAfter, tally.from(),
                types, split, Long.MAX_VALUE);
        if (oldStable && newStable && !tally.edgesMatch()) {
            throw new IOException("the export of " + where + " does not match the server: " + tally.edgesDescribed());
        }
        return tally.points();
    }

    /** Checks one part; returns whether it was stable (and so checked exactly). */
    private boolean check(String database, String rp, String measurement, String part, Map<String, Long> before,
            Map<String, Long> after, PointTally.Part read, FieldTypes types, long start, long end) throws IOException {
        String where = InfluxQl.qualified(rp, measurement) + " at times " + part;
        if (before.equals(after)) {
            long points = after.isEmpty() ? 0 : census.points(database, rp, measurement, start, end, types.types().keySet());
            if (read.points() != points || !read.values().equals(after)) {
                throw new IOException("the export of " + where + " does not match the server: read " + read.points()
                        + " points with values " + read.values() + ", the server counts " + points + " points with values " + after);
            }
            return true;
        }
        TreeSet<String> fields = new TreeSet<>(before.keySet());
        fields.addAll(after.keySet());
        fields.addAll(read.values().keySet());
        Map<String, String> outside = new TreeMap<>();
        for (String field : fields) {
            long b = before.getOrDefault(field, 0L);
            long a = after.getOrDefault(field, 0L);
            long r = read.values().getOrDefault(field, 0L);
            if (r < Math.min(a, b) || r > Math.max(a, b)) {
                outside.put(field, r + " read, " + b + " before, " + a + " after");
            }
        }
        if (!outside.isEmpty()) {
            throw new IOException("the export of " + where + " does not match the server, which changed during it: " + outside);
        }
        LOG.warnf("%s changed while it was read (values %s before, %s after): its %d points are checked against that range only",
                where, before, after, read.points());
        return false;
    }
}
