package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Reads the points of one measurement in one retention policy as line protocol: only where the
 * policy has shard groups, between the measurement's first and last point, one chunked
 * {@code SELECT * … GROUP BY *} per window ({@link ShardWindows}: within one shard group, at most
 * the chunk duration long). Tags come from the series, so they never mix with fields; each value
 * is written in the type it is stored with in that shard ({@link FieldTypes}). Only the row being
 * read is in memory, whatever the measurement's size.
 */
final class PointScan {

    /** Receives each point's line. */
    @FunctionalInterface
    interface LineConsumer {
        void line(String line) throws IOException;
    }

    private final InfluxConnection connection;
    private final InfluxCatalog catalog;
    private final long window;

    PointScan(InfluxConnection connection, Duration window) {
        this.connection = connection;
        this.catalog = new InfluxCatalog(connection);
        long nanos;
        try {
            nanos = window.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE; // a window longer than 292 years: one window per shard group
        }
        this.window = nanos;
    }

    /**
     * The windows to read {@code rp.measurement} in, from {@code first} to {@code last}.
     *
     * @throws IOException if shard groups of {@code rp} overlap and a field has several types: a
     *     window over both would get every value converted to float
     */
    List<ShardWindows.Window> windows(String rp, ShardWindows shards, FieldTypes types, long first, long last) throws IOException {
        if (shards.overlapping(rp) && types.mixed()) {
            throw new IOException(types.where() + " has fields of several types and shard groups of policy '" + rp
                    + "' overlap in time: a query over both would convert integers to floats");
        }
        return shards.windows(rp, first, last, window);
    }

    /** Hands every point of {@code rp.measurement} in window {@code w} to {@code consumer}, series by series, counting it in {@code tally}. */
    void read(String database, String rp, String measurement, ShardWindows.Window w, FieldTypes types, PointTally tally,
            LineConsumer consumer) throws IOException {
        String statement = "SELECT * FROM " + InfluxQl.qualified(rp, measurement) + " WHERE time >= " + w.start() + " AND time < "
                + w.end() + " GROUP BY *";
        String[] key = {null};
        InfluxSeries[] current = {null};
        connection.stream(database, statement, (series, row) -> {
            if (current[0] != series) {
                current[0] = series;
                key[0] = LineProtocol.seriesKey(measurement, series.tags());
            }
            String line = LineProtocol.line(key[0], series.columns(), row, types);
            if (line != null) {
                consumer.line(line);
                tally.add(series.columns(), row);
            }
        });
    }

    /** Hands every point of {@code rp.measurement} at or after {@code notBefore} to {@code consumer}; returns how many. */
    long scan(String database, String rp, String measurement, ShardWindows shards, FieldTypes types, long notBefore,
            LineConsumer consumer) throws IOException {
        Long first = catalog.edge(database, rp, measurement, true);
        Long last = catalog.edge(database, rp, measurement, false);
        PointTally tally = new PointTally();
        if (first != null && last != null) {
            for (ShardWindows.Window w : windows(rp, shards, types, Math.max(first, notBefore), last)) {
                read(database, rp, measurement, w, types, tally, consumer);
            }
        }
        return tally.points();
    }
}
