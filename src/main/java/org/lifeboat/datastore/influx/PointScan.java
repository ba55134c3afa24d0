package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.time.Duration;

/**
 * Reads every point of one measurement in one retention policy as line protocol: only where
 * the policy has shard groups, between the measurement's first and last point, one chunked
 * {@code SELECT * … GROUP BY *} per window ({@link ShardWindows}: within one shard group, at
 * most the chunk duration long). Tags come from the series, so they never mix with fields; each
 * value is written in the type it is stored with in that shard ({@link FieldTypes}). Only the row
 * being read is in memory, whatever the measurement's size.
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
     * Hands every point of {@code rp.measurement} at or after {@code notBefore} to {@code consumer},
     * series by series within each window, and returns what was read.
     *
     * @param shards the shard groups of {@code database}
     * @param split the time at which the tally's earlier and later parts divide
     */
    PointTally scan(String database, String rp, String measurement, ShardWindows shards, FieldTypes types, long notBefore,
            long split, LineConsumer consumer) throws IOException {
        PointTally tally = new PointTally(split);
        Long first = catalog.edge(database, rp, measurement, true);
        Long last = catalog.edge(database, rp, measurement, false);
        if (first == null || last == null) {
            return tally;
        }
        tally.edges(first, last);
        if (shards.overlapping(rp) && types.mixed()) {
            throw new IOException(types.where() + " has fields of several types and shard groups of policy '" + rp
                    + "' overlap in time: a query over both would convert integers to floats");
        }
        String from = " FROM " + InfluxQl.qualified(rp, measurement);
        for (ShardWindows.Window w : shards.windows(rp, Math.max(first, notBefore), last, window)) {
            String statement = "SELECT *" + from + " WHERE time >= " + w.start() + " AND time < " + w.end() + " GROUP BY *";
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
        return tally;
    }
}
