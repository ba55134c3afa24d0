package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Exports one measurement of one retention policy ({@link PointScan}) and checks what was read
 * against the server's own counts ({@link PointCensus}), slice by slice of the time range
 * ({@link ShardWindows#slices}: about one shard group each, and together the whole valid range,
 * so a point outside the read windows is still counted). A slice's values are counted before
 * and after it is read. If they are the same, the slice was read while nothing changed it and
 * must match exactly: every point (series and time) and every field value; and at the end the
 * first and last points must be at the times the server gave. A slice that changed while it was
 * read (points written to the newest shard group, or an old one expiring) can only be checked
 * against the range between the two counts, and a warning says so. Any other difference fails
 * the backup: the export lost, moved or invented data.
 */
final class MeasurementExport {

    private static final Logger LOG = Logger.getLogger(MeasurementExport.class);

    private final InfluxCatalog catalog;
    private final PointScan scan;
    private final PointCensus census;

    MeasurementExport(InfluxConnection connection, Duration window) {
        this.catalog = new InfluxCatalog(connection);
        this.scan = new PointScan(connection, window);
        this.census = new PointCensus(connection);
    }

    /**
     * Hands every point of {@code rp.measurement} to {@code lines}, checks them, and returns how
     * many there were.
     *
     * @param types the measurement's field types in {@code rp}, or null if it had none there when they were listed
     */
    long export(String database, String rp, String measurement, ShardWindows shards, FieldTypes types, PointScan.LineConsumer lines)
            throws IOException {
        String where = InfluxQl.qualified(rp, measurement);
        Long first = catalog.edge(database, rp, measurement, true);
        Long last = catalog.edge(database, rp, measurement, false);
        if (first == null || last == null) {
            return 0;
        }
        if (types == null) {
            // its first point in this policy came after the policy's field keys were listed
            types = catalog.fieldTypes(database, rp).get(measurement);
            if (types == null) {
                throw new IOException(where + " has points but SHOW FIELD KEYS lists no field for it: unable to check them");
            }
        }
        List<ShardWindows.Window> windows = scan.windows(rp, shards, types, first, last);
        int next = 0;
        long points = 0;
        boolean stable = true;
        Long firstRead = null;
        Long lastRead = null;
        for (ShardWindows.Window slice : shards.slices(rp, first, last)) {
            Map<String, Long> before = census.values(database, rp, measurement, slice.start(), slice.end());
            PointTally tally = new PointTally();
            for (; next < windows.size() && windows.get(next).start() < slice.end(); next++) {
                scan.read(database, rp, measurement, windows.get(next), types, tally, lines);
            }
            Map<String, Long> after = census.values(database, rp, measurement, slice.start(), slice.end());
            stable &= check(database, rp, measurement, slice, before, after, tally, types);
            points += tally.points();
            firstRead = firstRead == null ? tally.first() : firstRead;
            lastRead = tally.last() != null ? tally.last() : lastRead;
        }
        if (stable && (!Objects.equals(firstRead, first) || !Objects.equals(lastRead, last))) {
            throw new IOException("the export of " + where + " does not match the server: its points were read from " + firstRead
                    + " to " + lastRead + " ns, the server's first and last points are at " + first + " and " + last + " ns");
        }
        return points;
    }

    /** Checks one slice; returns whether it was stable (and so checked exactly). */
    private boolean check(String database, String rp, String measurement, ShardWindows.Window slice, Map<String, Long> before,
            Map<String, Long> after, PointTally read, FieldTypes types) throws IOException {
        String where = InfluxQl.qualified(rp, measurement) + " at times " + slice.start() + " … " + slice.end() + " ns";
        if (before.equals(after)) {
            long points = after.isEmpty() ? 0
                    : census.points(database, rp, measurement, slice.start(), slice.end(), types.types().keySet());
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
