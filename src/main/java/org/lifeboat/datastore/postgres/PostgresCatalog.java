package org.lifeboat.datastore.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The catalog queries Lifeboat needs: databases, tables and their row counts, versions. */
final class PostgresCatalog {

    private PostgresCatalog() {
    }

    /** Databases that accept connections and are not templates, by name. */
    static List<String> databases(Connection connection) throws SQLException {
        return strings(connection, "SELECT datname FROM pg_database WHERE NOT datistemplate AND datallowconn ORDER BY datname");
    }

    /** Whether a database called {@code name} exists. */
    static boolean databaseExists(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Rows per table ({@code schema.table}, quoted where PostgreSQL needs it), for every ordinary
     * table and leaf partition outside the system schemas, as seen by {@code connection}'s
     * transaction.
     */
    static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        List<String> tables = strings(connection, "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' ORDER BY 1");
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    /** The server's version, for example {@code 15.20}. */
    static String serverVersion(Connection connection) throws SQLException {
        return strings(connection, "SELECT split_part(current_setting('server_version'), ' ', 1)").get(0);
    }

    /** The major version in a version string such as {@code 15.20} or {@code pg_dump (PostgreSQL) 15.20 (Debian …)}. */
    static int major(String version) throws IOException {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d+)(\\.\\d+)?").matcher(version);
        if (!matcher.find()) {
            throw new IOException("cannot read a PostgreSQL version in '" + version.strip() + "'");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Quotes an identifier for SQL. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
