package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a server holds: databases, retention policies, continuous queries, measurements, shard
 * groups, and per retention policy the field types, tag keys and time range of each measurement.
 */
final class InfluxCatalog {

    private final InfluxConnection connection;

    InfluxCatalog(InfluxConnection connection) {
        this.connection = connection;
    }

    List<String> databases() throws IOException {
        return firstColumn(connection.query(null, "SHOW DATABASES"));
    }

    /** The database's retention policies, in the server's order. */
    List<RetentionPolicy> retentionPolicies(String database) throws IOException {
        List<RetentionPolicy> policies = new ArrayList<>();
        for (InfluxSeries series : connection.query(database, "SHOW RETENTION POLICIES ON " + InfluxQl.identifier(database))) {
            for (List<Object> row : series.values()) {
                policies.add(new RetentionPolicy(String.valueOf(row.get(series.column("name"))),
                        String.valueOf(row.get(series.column("duration"))),
                        String.valueOf(row.get(series.column("shardGroupDuration"))),
                        Math.toIntExact(((Number) row.get(series.column("replicaN"))).longValue()),
                        Boolean.TRUE.equals(row.get(series.column("default")))));
            }
        }
        return policies;
    }

    /** The {@code CREATE CONTINUOUS QUERY} statements of {@code database}, each on one line. */
    List<String> continuousQueries(String database) throws IOException {
        List<String> statements = new ArrayList<>();
        for (InfluxSeries series : connection.query(null, "SHOW CONTINUOUS QUERIES")) {
            if (database.equals(series.name())) {
                int query = series.column("query");
                for (List<Object> row : series.values()) {
                    statements.add(String.valueOf(row.get(query)).replace('\n', ' ').replace('\r', ' '));
                }
            }
        }
        return statements;
    }

    /** Every measurement of the database, in any retention policy. */
    List<String> measurements(String database) throws IOException {
        return firstColumn(connection.query(database, "SHOW MEASUREMENTS ON " + InfluxQl.identifier(database)));
    }

    /** The shard groups of {@code database}, as {@code SHOW SHARD GROUPS} lists them. */
    ShardWindows shardGroups(String database) throws IOException {
        return ShardWindows.of(database, connection.query(null, "SHOW SHARD GROUPS"));
    }

    /**
     * measurement → field → its types in retention policy {@code rp}: field types belong to a
     * measurement in one policy (the default policy's are not another's), and within a policy to
     * one shard, so a field can have several.
     */
    Map<String, FieldTypes> fieldTypes(String database, String rp) throws IOException {
        Map<String, Map<String, Set<String>>> types = new TreeMap<>();
        for (InfluxSeries series : connection.query(database, "SHOW FIELD KEYS ON " + InfluxQl.identifier(database) + " FROM "
                + InfluxQl.identifier(rp) + "./.*/")) {
            Map<String, Set<String>> fields = types.computeIfAbsent(series.name(), m -> new TreeMap<>());
            for (List<Object> row : series.values()) {
                fields.computeIfAbsent(String.valueOf(row.get(0)), f -> new TreeSet<>()).add(String.valueOf(row.get(1)));
            }
        }
        Map<String, FieldTypes> byMeasurement = new TreeMap<>();
        types.forEach((measurement, fields) -> byMeasurement.put(measurement,
                new FieldTypes(InfluxQl.qualified(rp, measurement), fields)));
        return byMeasurement;
    }

    /** The tag keys of {@code rp.measurement} (InfluxDB 1.6 may list keys of other policies too). */
    List<String> tagKeys(String database, String rp, String measurement) throws IOException {
        return firstColumn(connection.query(database, "SHOW TAG KEYS ON " + InfluxQl.identifier(database) + " FROM "
                + InfluxQl.qualified(rp, measurement)));
    }

    /** The exact time of the first ({@code ascending}) or last point of {@code rp.measurement}, or null if it has none. */
    Long edge(String database, String rp, String measurement, boolean ascending) throws IOException {
        for (InfluxSeries series : connection.query(database, "SELECT * FROM " + InfluxQl.qualified(rp, measurement)
                + " ORDER BY time " + (ascending ? "ASC" : "DESC") + " LIMIT 1")) {
            if (!series.values().isEmpty()) {
                return (Long) series.values().get(0).get(0);
            }
        }
        return null;
    }

    /** The first column of every row of every series, as text. */
    static List<String> firstColumn(List<InfluxSeries> series) {
        List<String> values = new ArrayList<>();
        for (InfluxSeries s : series) {
            for (List<Object> row : s.values()) {
                values.add(String.valueOf(row.get(0)));
            }
        }
        return values;
    }
}
