package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Replaces a live database by a verified copy: the live one is closed to new sessions, its sessions
 * are ended, it is renamed aside, the copy takes its name, and only then is the old one dropped. If
 * the copy cannot take the name, the old one gets its name back.
 */
final class DatabaseSwap {

    private static final int ATTEMPTS = 5;

    private final PostgresEndpoint endpoint;

    DatabaseSwap(PostgresEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    void replace(String live, String copy) throws IOException {
        String previous = ArtifactNames.previous(live);
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + PostgresCatalog.quote(previous) + " WITH (FORCE)");
            boolean hadLive = PostgresCatalog.databaseExists(connection, live);
            if (hadLive) {
                statement.execute("ALTER DATABASE " + PostgresCatalog.quote(live) + " WITH ALLOW_CONNECTIONS false");
                try {
                    renameEndingSessions(connection, live, previous);
                } catch (SQLException e) {
                    statement.execute("ALTER DATABASE " + PostgresCatalog.quote(live) + " WITH ALLOW_CONNECTIONS true");
                    throw e;
                }
            }
            try {
                statement.execute("ALTER DATABASE " + PostgresCatalog.quote(copy) + " RENAME TO " + PostgresCatalog.quote(live));
            } catch (SQLException e) {
                if (hadLive) {
                    statement.execute("ALTER DATABASE " + PostgresCatalog.quote(previous) + " RENAME TO " + PostgresCatalog.quote(live));
                    statement.execute("ALTER DATABASE " + PostgresCatalog.quote(live) + " WITH ALLOW_CONNECTIONS true");
                }
                throw e;
            }
            if (hadLive) {
                statement.execute("DROP DATABASE " + PostgresCatalog.quote(previous) + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IOException("unable to swap restored database '" + copy + "' in for '" + live + "' on " + endpoint + ": "
                    + e.getMessage(), e);
        }
    }

    /** Renames {@code from}, ending its sessions first and again if one slipped in. */
    private static void renameEndingSessions(Connection connection, String from, String to) throws SQLException {
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
