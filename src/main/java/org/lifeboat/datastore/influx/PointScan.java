package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Reads every point of one measurement in one retention policy as line protocol: from its first
 * to its last timestamp in windows of the chunk duration, each window one chunked
 * {@code SELECT * … GROUP BY *} (tags come from the series, so they never mix with fields). Only
 * the chunks in flight are in memory, whatever the measurement's size.
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
            nanos = Long.MAX_VALUE; // a window longer than 292 years is one window
        }
        this.window = nanos;
    }

    /**
     * Hands every point of {@code rp.measurement} at or after {@code notBefore} to {@code consumer},
     * series by series within each window, and returns how many there were.
     */
    long scan(String database, String rp, String measurement, Map<String, Set<String>> types, long notBefore,
            LineConsumer consumer) throws IOException {
        Long first = catalog.edge(database, rp, measurement, true);
        Long last = catalog.edge(database, rp, measurement, false);
        if (first == null || last == null) {
            return 0;
        }
        long start = Math.max(first, notBefore);
        long[] count = {0};
        String from = " FROM " + InfluxQl.qualified(rp, measurement);
        while (start <= last) {
            long end = start > Long.MAX_VALUE - window ? Long.MAX_VALUE : start + window;
            String statement = "SELECT *" + from + " WHERE time >= " + start + " AND time < " + end + " GROUP BY *";
            connection.stream(database, statement, series -> {
                if (series.getValues() == null) {
                    return;
                }
                String key = LineProtocol.seriesKey(measurement, series.getTags());
                for (java.util.List<Object> row : series.getValues()) {
                    String line = LineProtocol.line(key, series.getColumns(), row, types);
                    if (line != null) {
                        consumer.line(line);
                        count[0]++;
                    }
                }
            });
            if (end == Long.MAX_VALUE) {
                break;
            }
            start = end;
        }
        return count[0];
    }

    /** Counts the points of {@code rp.measurement} without keeping them. */
    long count(String database, String rp, String measurement, Map<String, Set<String>> types) throws IOException {
        return scan(database, rp, measurement, types, Long.MIN_VALUE, line -> { });
    }

}
