package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The catalog queries dump mode needs besides the row counts ({@link PostgresRowCounts}): databases, versions, quoting. */
final class PostgresCatalog {

    private PostgresCatalog() {
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

    /** The server's version, for example {@code 15.20}. */
    static String serverVersion(Connection connection) throws SQLException {
        return PostgresRowCounts.strings(connection, "SELECT split_part(current_setting('server_version'), ' ', 1)").get(0);
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
}
