package org.lifeboat.datastore.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.lifeboat.datastore.RenamedSwapSettling;

/**
 * The renames of a swap, on one maintenance connection, each one statement PostgreSQL does
 * atomically: a database is moved by ending its sessions and renaming it, nothing else about it
 * changed, so that a database moved aside and back is the same database. Which renames to make, and in which order, is
 * {@link PreparedDatabases}'s.
 */
final class DatabaseSwap implements RenamedSwapSettling.Renames {

    private static final int ATTEMPTS = 10;

    private final Connection connection;

    DatabaseSwap(Connection connection) {
        this.connection = connection;
    }

    @Override
    public boolean exists(String database) throws IOException {
        try {
            return PostgresCatalog.databaseExists(connection, database);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Renames {@code from} to {@code to}, ending its sessions. The database is not closed to new
     * sessions first ({@code ALLOW_CONNECTIONS false}): a Lifeboat killed between closing and
     * renaming would leave it closed, and what it allowed before would be known to nobody. The
     * rename itself keeps new sessions out while it waits for the ended ones to go, and one that
     * slipped in between is ended on the next attempt.
     */
    @Override
    public void move(String from, String to) throws IOException {
        try {
            renameEndingSessions(from, to);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Drops {@code database} if it exists, ending its sessions. */
    @Override
    public void drop(String database) throws IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + PostgresCatalog.quote(database) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
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
