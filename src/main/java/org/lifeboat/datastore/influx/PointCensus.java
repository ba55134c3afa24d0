package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts taken by InfluxDB itself, independently of how {@link PointScan} reads: no windows, no
 * field types, no line protocol, so that a read that loses or moves points cannot agree with
 * them by sharing its mistake.
 *
 * <p>{@code COUNT} counts the values of each field, while a point is a series and a time with
 * any fields. A series is counted exactly through one of its tags, which every one of its points
 * carries: {@code SELECT count(t) FROM (SELECT *::field, "K"::tag AS t …)} counts the rows of the
 * series having tag {@code K}; the series lacking it are counted through the next tag key, and so
 * on, so each series is counted once. What remains, the series without any tag, is counted by
 * {@code COUNT(*)} when it has one field, and otherwise by reading its rows (without their
 * values' types or times mattering), which InfluxQL cannot count for it.
 */
final class PointCensus {

    private final InfluxConnection connection;
    private final InfluxCatalog catalog;

    PointCensus(InfluxConnection connection) {
        this.connection = connection;
        this.catalog = new InfluxCatalog(connection);
    }

    /** field → its values in {@code rp.measurement} at times {@code [start, end)}: one {@code COUNT(*)}. */
    Map<String, Long> values(String database, String rp, String measurement, long start, long end) throws IOException {
        return values(database, InfluxQl.qualified(rp, measurement), time(start, end));
    }

    /** The points of {@code rp.measurement} at times {@code [start, end)}. */
    long points(String database, String rp, String measurement, long start, long end, Collection<String> fields)
            throws IOException {
        String from = InfluxQl.qualified(rp, measurement);
        String alias = "lifeboat_tag";
        while (fields.contains(alias)) {
            alias = alias + "_";
        }
        StringBuilder where = new StringBuilder(time(start, end));
        long points = 0;
        for (String tag : catalog.tagKeys(database, rp, measurement)) {
            points += single(database, "SELECT count(" + InfluxQl.identifier(alias) + ") FROM (SELECT *::field, "
                    + InfluxQl.identifier(tag) + "::tag AS " + InfluxQl.identifier(alias) + " FROM " + from + " WHERE " + where + ")");
            where.append(" AND ").append(InfluxQl.identifier(tag)).append("::tag = ''");
        }
        List<Long> untagged = new ArrayList<>(values(database, from, where.toString()).values());
        untagged.removeIf(n -> n == 0);
        if (untagged.size() <= 1) {
            return points + (untagged.isEmpty() ? 0 : untagged.get(0));
        }
        long[] rows = {0};
        connection.stream(database, "SELECT * FROM " + from + " WHERE " + where + " GROUP BY *", (series, row) -> rows[0]++);
        return points + rows[0];
    }

    /**
     * {@code "rp"."measurement"} → points, for every policy and measurement of {@code database}
     * that has fields in that policy or is named in {@code alsoCount}, and has any points;
     * counted slice by slice ({@link ShardWindows#slices}), each slice about one shard group.
     */
    Map<String, Long> pointsByMeasurement(String database, List<RetentionPolicy> policies, Collection<String> alsoCount)
            throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        List<String> measurements = catalog.measurements(database);
        ShardWindows shards = catalog.shardGroups(database);
        for (RetentionPolicy policy : policies) {
            Map<String, FieldTypes> types = catalog.fieldTypes(database, policy.name());
            for (String measurement : measurements) {
                String key = InfluxQl.qualified(policy.name(), measurement);
                FieldTypes fields = types.get(measurement);
                if (fields == null && !alsoCount.contains(key)) {
                    continue; // no field in this policy: no point either
                }
                Long first = catalog.edge(database, policy.name(), measurement, true);
                Long last = catalog.edge(database, policy.name(), measurement, false);
                long points = 0;
                for (ShardWindows.Window slice : first == null || last == null ? List.<ShardWindows.Window>of()
                        : shards.slices(policy.name(), first, last)) {
                    points += points(database, policy.name(), measurement, slice.start(), slice.end(),
                            fields == null ? List.of() : fields.types().keySet());
                }
                if (points > 0) {
                    counts.put(key, points);
                }
            }
        }
        return counts;
    }

    private Map<String, Long> values(String database, String from, String where) throws IOException {
        Map<String, Long> values = new TreeMap<>();
        for (InfluxSeries series : connection.query(database, "SELECT count(*) FROM " + from + " WHERE " + where)) {
            for (List<Object> row : series.values()) {
                for (int i = 1; i < series.columns().size(); i++) {
                    String column = series.columns().get(i);
                    if (row.get(i) != null && column.startsWith("count_")) {
                        values.merge(column.substring("count_".length()), ((Number) row.get(i)).longValue(), Long::sum);
                    }
                }
            }
        }
        return values;
    }

    private long single(String database, String statement) throws IOException {
        long total = 0;
        for (InfluxSeries series : connection.query(database, statement)) {
            for (List<Object> row : series.values()) {
                if (row.get(1) != null) {
                    total += ((Number) row.get(1)).longValue();
                }
            }
        }
        return total;
    }

    private static String time(long start, long end) {
        return "time >= " + Math.max(start, ShardWindows.MIN_TIME) + " AND time < " + end;
    }
}
