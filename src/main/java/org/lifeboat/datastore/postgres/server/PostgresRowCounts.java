package org.lifeboat.datastore.postgres.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Row counts per table, the figure both PostgreSQL modes record at backup and check after a
 * restore. One SQL query computes them, so it runs the same over JDBC (in the transaction that
 * sees the dumped data) and through psql (on a restored cluster reachable only by its socket).
 * The tables: ordinary tables and leaf partitions outside the system schemas, named
 * {@code schema.table}, quoted where PostgreSQL needs it. Not counted: views and materialized
 * views (derived: a dump's restore refreshes them from the restored tables), foreign tables
 * (their rows live elsewhere), temporary tables (never in any backup).
 */
public final class PostgresRowCounts {

    /** Non-template databases that accept connections. */
    public static final String DATABASES = "SELECT datname FROM pg_database WHERE NOT datistemplate AND datallowconn ORDER BY 1";

    /** The tables counted: ordinary tables and leaf partitions outside the system schemas. */
    private static final String TABLES = " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
            + " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 1";
    private static final String ROWS = " (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname,"
            + " c.relname), false, true, '')))[1]::text::bigint";

    /** Every table and its row count, one row each. */
    public static final String COUNTS = "SELECT format('%I.%I', n.nspname, c.relname)," + ROWS + TABLES;

    /**
     * Marks an unlogged table in the counts of a physical backup: PostgreSQL writes no WAL for its
     * rows and a physical copy holds none of them, so a restore brings the table back empty. The
     * count beside the mark is what the table held at backup: what a restore cannot bring back.
     */
    public static final String UNLOGGED = " (unlogged: rows not in a physical backup)";

    /** {@link #COUNTS} for a physical backup: unlogged tables carry {@link #UNLOGGED} after their name. */
    public static final String PHYSICAL_COUNTS = "SELECT format('%I.%I', n.nspname, c.relname)"
            + " || CASE WHEN c.relpersistence = 'u' THEN '" + UNLOGGED + "' ELSE '' END," + ROWS + TABLES;

    /** Unlogged sequences, which a physical restore resets to their start. */
    public static final String UNLOGGED_SEQUENCES = "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND c.relpersistence = 'u' ORDER BY 1";

    private PostgresRowCounts() {
    }

    /** The counts as {@code connection}'s transaction sees them. */
    public static Map<String, Long> count(Connection connection) throws SQLException {
        return count(connection, COUNTS);
    }

    /** The counts of {@code sql} ({@link #COUNTS} or {@link #PHYSICAL_COUNTS}) as {@code connection}'s transaction sees them. */
    public static Map<String, Long> count(Connection connection, String sql) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    /** The databases {@code connection}'s server holds. */
    public static List<String> databases(Connection connection) throws SQLException {
        return strings(connection, DATABASES);
    }

    /** The unlogged sequences of {@code connection}'s database, as its transaction sees them. */
    public static List<String> unloggedSequences(Connection connection) throws SQLException {
        return strings(connection, UNLOGGED_SEQUENCES);
    }

    /** The first column of every row of {@code sql}, as text. */
    public static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** Parses psql's unaligned output of {@link #COUNTS} (fields split by US, records by RS). */
    public static Map<String, Long> parse(String psqlOutput) {
        Map<String, Long> counts = new TreeMap<>();
        for (String record : psqlOutput.split("\u001e")) {
            String line = record.strip();
            if (line.isEmpty()) {
                continue;
            }
            int split = line.lastIndexOf('\u001f');
            counts.put(line.substring(0, split), Long.parseLong(line.substring(split + 1)));
        }
        return counts;
    }

    /** What differs between the recorded and the restored counts; empty when they match. */
    public static List<String> differences(Map<String, Map<String, Long>> expected, Map<String, Map<String, Long>> actual) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Map<String, Long>> database : expected.entrySet()) {
            Map<String, Long> found = actual.get(database.getKey());
            if (found == null) {
                differences.add("database '" + database.getKey() + "' is missing");
                continue;
            }
            for (Map.Entry<String, Long> table : database.getValue().entrySet()) {
                Long rows = found.get(table.getKey());
                if (!table.getValue().equals(rows)) {
                    differences.add(database.getKey() + ": " + table.getKey() + " expected " + table.getValue() + " rows, found "
                            + (rows == null ? "no table" : rows));
                }
            }
            for (String table : found.keySet()) {
                if (!database.getValue().containsKey(table)) {
                    differences.add(database.getKey() + ": " + table + " is not in the manifest");
                }
            }
        }
        for (String database : actual.keySet()) {
            if (!expected.containsKey(database)) {
                differences.add("database '" + database + "' is not in the manifest");
            }
        }
        return differences;
    }
}
