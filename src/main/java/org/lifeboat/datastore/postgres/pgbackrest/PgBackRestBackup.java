package org.lifeboat.datastore.postgres.pgbackrest;

import org.lifeboat.datastore.postgres.server.PostgresDatabases;
import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.process.ExternalProcess;

/**
 * One night's backup: versions of both sides, the generated files, {@code stanza-create},
 * {@code backup} of the day's type, then a restore point with the row counts seen at it, and the
 * backup's record as the set's one artifact.
 */
final class PgBackRestBackup {

    private static final Logger LOG = Logger.getLogger(PgBackRestBackup.class);

    private final PgBackRestDatastore datastore;
    private final PostgresEndpoint endpoint;
    private final PgBackRestSettings settings;
    private final PgBackRestCommands commands;

    PgBackRestBackup(PgBackRestDatastore datastore, PostgresEndpoint endpoint, PgBackRestSettings settings) {
        this.datastore = datastore;
        this.endpoint = endpoint;
        this.settings = settings;
        this.commands = new PgBackRestCommands(settings);
    }

    BackupResult run(ArtifactSink sink) throws IOException {
        try {
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("server", serverVersion());
            PgBackRestConfigFile files = new PgBackRestConfigFile(settings, endpoint.port());
            LocalFiles.write(settings, files);
            String version = datastore.versions(commands);
            versions.put("pgbackrest", version);
            RepositorySide.upload(settings, files, commands);
            if (RepositoryInfo.parse(ExternalProcess.run(commands.remote("info", List.of("--output=json"))), settings.stanza())
                    .needsStanza()) {
                ExternalProcess.run(commands.remote("stanza-create", List.of()));
            }
            String type = type(LocalDate.now(ZoneOffset.UTC));
            if (PgBackRestVersion.backsUpFromPgHost(version)) {
                ExternalProcess.run(commands.local("backup", List.of("--type=" + type)));
            } else {
                ExternalProcess.run(commands.remote("backup", List.of("--type=" + type)));
            }
            JsonNode backup = RepositoryInfo.parse(ExternalProcess.run(commands.remote("info", List.of("--output=json"))),
                    settings.stanza()).newestBackup();
            String label = backup.path("label").asText();
            Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
            Map<String, List<String>> unloggedSequences = new LinkedHashMap<>();
            Map<String, String> uncounted = new LinkedHashMap<>();
            String restorePoint = "lifeboat-" + label;
            String lsn = countAtRestorePoint(restorePoint, counts, unloggedSequences, uncounted);
            List<String> notRestorable = PhysicalCounts.notRestorable(counts, unloggedSequences, uncounted);
            for (String line : notRestorable) {
                LOG.warnf("%s: %s", datastore.name(), line);
            }
            // check switches WAL and waits until the segment holding the restore point is archived
            ExternalProcess.run(commands.local("check", List.of()));
            BackupInfo info = new BackupInfo(settings.stanza(), label, backup.path("type").asText(), restorePoint, lsn, backup);
            LOG.infof("%s: pgBackRest %s backup %s done, restore point '%s' at %s", datastore.name(), info.type(), label,
                    restorePoint, lsn);
            return new BackupResult(versions, List.of(write(sink, info)), counts, notRestorable);
        } catch (IOException | RuntimeException e) {
            throw new IOException(PgBackRestErrors.explain(e.getMessage(), settings), e);
        }
    }

    /** The forced type, or {@code full} on the full day and {@code diff} on the others. */
    String type(LocalDate today) {
        return settings.type().orElse(today.getDayOfWeek() == settings.fullDay() ? "full" : "diff");
    }

    private String serverVersion() throws IOException {
        try (Connection connection = endpoint.connect("postgres"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT split_part(current_setting('server_version'), ' ', 1)")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IOException("unable to read the server version on " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes a repeatable-read snapshot in every database, creates the restore point right after,
     * and counts rows in those snapshots. A restore to the restore point sees what the snapshots
     * saw, except a transaction committing in the instant between the snapshots and the restore
     * point: that shows up as a count mismatch on restore, never as a silent difference. Unlogged
     * tables are counted under their marked name ({@link PostgresRowCounts#PHYSICAL_COUNTS});
     * unlogged sequences and the databases that cannot be counted are collected for the record.
     */
    private String countAtRestorePoint(String restorePoint, Map<String, Map<String, Long>> counts,
            Map<String, List<String>> unloggedSequences, Map<String, String> uncounted) throws IOException {
        List<Connection> open = new ArrayList<>();
        try (Connection maintenance = endpoint.connect("postgres")) {
            for (PostgresDatabases.Entry entry : PostgresDatabases.list(maintenance)) {
                if (!entry.standardTemplate()) { // template0 and template1 are never counted, in any backup
                    entry.unusable().ifPresent(reason -> uncounted.put(entry.name(), reason));
                }
            }
            List<String> databases = PostgresRowCounts.databases(maintenance);
            for (String database : databases) {
                Connection connection = endpoint.connect(database);
                open.add(connection);
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT 1").close(); // the snapshot is taken by the first query
                }
            }
            String lsn;
            try (PreparedStatement statement = maintenance.prepareStatement("SELECT pg_create_restore_point(?)::text")) {
                statement.setString(1, restorePoint);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    lsn = rows.getString(1);
                }
            }
            for (int i = 0; i < databases.size(); i++) {
                counts.put(databases.get(i), PostgresRowCounts.count(open.get(i), PostgresRowCounts.PHYSICAL_COUNTS));
                List<String> sequences = PostgresRowCounts.unloggedSequences(open.get(i));
                if (!sequences.isEmpty()) {
                    unloggedSequences.put(databases.get(i), sequences);
                }
                open.get(i).commit();
            }
            return lsn;
        } catch (SQLException e) {
            throw new IOException("unable to count rows at restore point '" + restorePoint + "' on " + endpoint + ": "
                    + e.getMessage(), e);
        } finally {
            for (Connection connection : open) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // read-only snapshots: nothing to lose by a failed close
                }
            }
        }
    }

    /** Writes the record as the set's artifact; the output is closed here, stored by its finish. */
    private static ArtifactRecord write(ArtifactSink sink, BackupInfo info) throws IOException {
        try (ArtifactOutput out = sink.create(BackupInfo.FILE_NAME, info.stanza(), BackupInfo.FORMAT)) {
            out.write(info.toJson());
            return out.finish();
        }
    }
}
