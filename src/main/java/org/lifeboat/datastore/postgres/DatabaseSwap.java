package org.lifeboat.datastore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The renames of a swap, on one maintenance connection, each one statement PostgreSQL does
 * atomically: a database is moved by closing it to new sessions, ending its sessions, renaming it
 * and opening it again as it was ({@code datallowconn} as before), so that a database moved aside
 * and back is the same database. Which renames to make, and in which order, is
 * {@link PreparedDatabases}'s.
 */
final class DatabaseSwap {

    private static final int ATTEMPTS = 5;

    private final Connection connection;

    DatabaseSwap(Connection connection) {
        this.connection = connection;
    }

    boolean exists(String database) throws SQLException {
        return PostgresCatalog.databaseExists(connection, database);
    }

    /** Renames {@code from} to {@code to}, ending its sessions, keeping whether it allows connections. */
    void move(String from, String to) throws SQLException {
        boolean allowed = allowsConnections(from);
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + PostgresCatalog.quote(from) + " WITH ALLOW_CONNECTIONS false");
            try {
                renameEndingSessions(from, to);
            } catch (SQLException e) {
                statement.execute("ALTER DATABASE " + PostgresCatalog.quote(from) + " WITH ALLOW_CONNECTIONS " + allowed);
                throw e;
            }
            statement.execute("ALTER DATABASE " + PostgresCatalog.quote(to) + " WITH ALLOW_CONNECTIONS " + allowed);
        }
    }

    /** Drops {@code database} if it exists, ending its sessions. */
    void drop(String database) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + PostgresCatalog.quote(database) + " WITH (FORCE)");
        }
    }

    private boolean allowsConnections(String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT datallowconn FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("database \"" + database + "\" does not exist", "3D000");
                }
                return rows.getBoolean(1);
            }
        }
    }

    /** Renames {@code from}, ending its sessions first and again if one slipped in. */
    private void renameEndingSessions(String from, String to) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement end = connection.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                end.setString(1, from);
                end.executeQuery().close();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER DATABASE " + PostgresCatalog.quote(from) + " RENAME TO " + PostgresCatalog.quote(to));
                return;
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !"55006".equals(e.getSQLState())) {
                    throw e;
                }
                sleep(200L * attempt);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
