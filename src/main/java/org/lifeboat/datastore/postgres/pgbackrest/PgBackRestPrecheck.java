package org.lifeboat.datastore.postgres.pgbackrest;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.datastore.Check;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import org.lifeboat.process.ExternalProcess;

/**
 * The checks of {@code precheck}, in order: the server and its WAL archiving settings, pgBackRest
 * on both sides (same version), then {@code pgbackrest check}, which archives one WAL segment
 * through {@code archive_command} into the repository. Never throws.
 */
final class PgBackRestPrecheck {

    private final PgBackRestDatastore datastore;
    private final PostgresEndpoint endpoint;
    private final PgBackRestSettings settings;
    private final PgBackRestCommands commands;

    PgBackRestPrecheck(PgBackRestDatastore datastore, PostgresEndpoint endpoint, PgBackRestSettings settings) {
        this.datastore = datastore;
        this.endpoint = endpoint;
        this.settings = settings;
        this.commands = new PgBackRestCommands(settings);
    }

    List<Check> run() {
        String name = datastore.name();
        List<Check> checks = new ArrayList<>();
        try (Connection connection = endpoint.connect("postgres")) {
            checks.add(Check.ok(name + ": server", "PostgreSQL " + show(connection, "server_version") + " at " + endpoint));
            String mode = show(connection, "archive_mode");
            checks.add(mode.equals("on") || mode.equals("always")
                    ? Check.ok(name + ": archive_mode", mode)
                    : Check.failed(name + ": archive_mode", mode + " on " + endpoint + ": set archive_mode = on and restart (docs/pgbackrest.md)"));
            String command = show(connection, "archive_command");
            String expected = archiveCommand(settings);
            checks.add(command.contains("archive-push") && command.contains("--stanza=" + settings.stanza())
                    && command.contains(LocalFiles.config(settings).toString())
                    ? Check.ok(name + ": archive_command", command)
                    : Check.failed(name + ": archive_command", "'" + command + "' on " + endpoint + ": set archive_command = '"
                            + expected + "'"));
        } catch (IOException | SQLException e) {
            checks.add(Check.failed(name + ": server", e.getMessage()));
            return checks;
        }
        try {
            PgBackRestConfigFile files = new PgBackRestConfigFile(settings, endpoint.port());
            LocalFiles.write(settings, files);
            String version = datastore.versions(commands);
            checks.add(Check.ok(name + ": pgBackRest", version + " here and on repository host " + settings.repository().address()));
            RepositorySide.upload(settings, files, commands);
            if (RepositoryInfo.parse(ExternalProcess.run(commands.remote("info", List.of("--output=json"))), settings.stanza())
                    .needsStanza()) {
                ExternalProcess.run(commands.remote("stanza-create", List.of()));
            }
            ExternalProcess.run(commands.local("check", List.of()));
            checks.add(Check.ok(name + ": pgbackrest check", "stanza '" + settings.stanza() + "': WAL archived into "
                    + settings.repository().path() + " on " + settings.repository().address()));
        } catch (IOException | RuntimeException e) {
            checks.add(Check.failed(name + ": pgBackRest", PgBackRestErrors.explain(e.getMessage(), settings)));
        }
        return checks;
    }

    /** The {@code archive_command} these settings need (docs/pgbackrest.md). */
    static String archiveCommand(PgBackRestSettings settings) {
        return settings.pgbackrest() + " --config=" + LocalFiles.config(settings) + " --stanza=" + settings.stanza() + " archive-push %p";
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
