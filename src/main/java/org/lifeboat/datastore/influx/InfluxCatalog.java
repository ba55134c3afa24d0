package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.influxdb.dto.QueryResult;

/** What a server holds: databases, retention policies, continuous queries, measurements, field types, time ranges. */
final class InfluxCatalog {

    private final InfluxConnection connection;

    InfluxCatalog(InfluxConnection connection) {
        this.connection = connection;
    }

    List<String> databases() throws IOException {
        return InfluxResults.firstColumn(connection.query(null, "SHOW DATABASES"));
    }

    /** The database's retention policies, in the server's order. */
    List<RetentionPolicy> retentionPolicies(String database) throws IOException {
        List<RetentionPolicy> policies = new ArrayList<>();
        for (QueryResult.Series series : connection.query(database, "SHOW RETENTION POLICIES ON " + InfluxQl.identifier(database))) {
            List<String> columns = series.getColumns();
            for (List<Object> row : series.getValues() == null ? List.<List<Object>>of() : series.getValues()) {
                policies.add(new RetentionPolicy(String.valueOf(row.get(columns.indexOf("name"))),
                        String.valueOf(row.get(columns.indexOf("duration"))),
                        String.valueOf(row.get(columns.indexOf("shardGroupDuration"))),
                        ((Number) row.get(columns.indexOf("replicaN"))).intValue(),
                        Boolean.TRUE.equals(row.get(columns.indexOf("default")))));
            }
        }
        return policies;
    }

    /** The {@code CREATE CONTINUOUS QUERY} statements of {@code database}, each on one line. */
    List<String> continuousQueries(String database) throws IOException {
        List<String> statements = new ArrayList<>();
        for (QueryResult.Series series : connection.query(null, "SHOW CONTINUOUS QUERIES")) {
            if (database.equals(series.getName()) && series.getValues() != null) {
                int query = series.getColumns().indexOf("query");
                for (List<Object> row : series.getValues()) {
                    statements.add(String.valueOf(row.get(query)).replace('\n', ' ').replace('\r', ' '));
                }
            }
        }
        return statements;
    }

    List<String> measurements(String database) throws IOException {
        return InfluxResults.firstColumn(connection.query(database, "SHOW MEASUREMENTS"));
    }

    /** measurement → field → its types as InfluxDB records them (more than one only after a type conflict between shards). */
    Map<String, Map<String, Set<String>>> fieldTypes(String database) throws IOException {
        Map<String, Map<String, Set<String>>> types = new TreeMap<>();
        for (QueryResult.Series series : connection.query(database, "SHOW FIELD KEYS")) {
            Map<String, Set<String>> fields = types.computeIfAbsent(series.getName(), m -> new TreeMap<>());
            for (List<Object> row : series.getValues() == null ? List.<List<Object>>of() : series.getValues()) {
                fields.computeIfAbsent(String.valueOf(row.get(0)), f -> new TreeSet<>()).add(String.valueOf(row.get(1)));
            }
        }
        return types;
    }

    /** The timestamp of the first ({@code ascending}) or last point of {@code rp.measurement}, or null if it has none. */
    Long edge(String database, String rp, String measurement, boolean ascending) throws IOException {
        List<QueryResult.Series> series = connection.query(database, "SELECT * FROM " + InfluxQl.qualified(rp, measurement)
                + " ORDER BY time " + (ascending ? "ASC" : "DESC") + " LIMIT 1");
        for (QueryResult.Series s : series) {
            if (s.getValues() != null && !s.getValues().isEmpty()) {
                return ((Number) s.getValues().get(0).get(0)).longValue();
            }
        }
        return null;
    }
}
