package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.postgres.server.PostgresDatabases;
import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.process.ExternalProcess;
import org.lifeboat.process.ToolCommand;

/**
 * One backup of a PostgreSQL server: roles, the properties of every database dumped
 * ({@link DatabasePropertiesFile}), then each database from its own exported snapshot. Which
 * databases: {@link PostgresDatabases#select}, which fails naming any it cannot dump.
 */
final class PgDumpBackup {

    private static final int COPY_BUFFER = 256 * 1024;

    private final PgDumpDatastore datastore;
    private final PostgresEndpoint endpoint;
    private final PgDumpOptions options;

    PgDumpBackup(PgDumpDatastore datastore, PostgresEndpoint endpoint, PgDumpOptions options) {
        this.datastore = datastore;
        this.endpoint = endpoint;
        this.options = options;
    }

    BackupResult run(ArtifactSink sink) throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        List<PostgresDatabases.Entry> present;
        Map<String, DatabaseProperties> properties = new LinkedHashMap<>();
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE)) {
            versions.put("server", PostgresCatalog.serverVersion(connection));
            present = PostgresDatabases.list(connection);
            for (PostgresDatabases.Entry entry : present) {
                properties.put(entry.name(), DatabaseProperties.read(connection, entry.name()));
            }
        } catch (SQLException | IOException e) {
            throw new IOException("unable to list databases: " + e.getMessage(), e);
        }
        PostgresDatabases.Selection selection = PostgresDatabases.select(present, options.databases(), options.excludeDatabases());
        properties.keySet().retainAll(selection.dumped());
        versions.put("pg_dump", datastore.toolVersion("pg_dump"));

        List<ArtifactRecord> artifacts = new ArrayList<>();
        artifacts.add(dumpRoles(sink));
        artifacts.add(writeProperties(sink, properties));
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String database : selection.dumped()) {
            Map<String, Long> tables = new LinkedHashMap<>();
            artifacts.add(dumpDatabase(sink, database, tables));
            counts.put(database, tables);
        }
        return new BackupResult(versions, artifacts, counts, selection.excluded());
    }

    /** The properties of every dumped database, as the set's {@value DatabasePropertiesFile#FILE_NAME}, before the dumps. */
    private static ArtifactRecord writeProperties(ArtifactSink sink, Map<String, DatabaseProperties> properties) throws IOException {
        try (ArtifactOutput out = sink.create(DatabasePropertiesFile.FILE_NAME, DatabasePropertiesFile.SUBJECT,
                DatabasePropertiesFile.FORMAT)) {
            byte[] json = DatabasePropertiesFile.toJson(properties);
            out.write(json, 0, json.length);
            return out.finish();
        }
    }

    private ArtifactRecord dumpRoles(ArtifactSink sink) throws IOException {
        List<String> argv = new ArrayList<>(List.of(endpoint.tool("pg_dumpall"), "--roles-only", "--no-password"));
        if (!options.includeRolePasswords()) {
            argv.add("--no-role-passwords");
        }
        ToolCommand command = ToolCommand.of("pg_dumpall --roles-only on " + endpoint, argv, endpoint.toolEnvironment("postgres"));
        return stream(command, sink, "roles.sql", "roles", PgDumpDatastore.ROLES_FORMAT);
    }

    /**
     * Dumps {@code database} from a snapshot exported by a repeatable-read transaction, and counts
     * every table's rows in that same transaction, so the counts describe exactly the dumped data.
     * The counting runs on its own thread while pg_dump streams: the snapshot stays valid until the
     * exporting transaction ends, which is after both.
     */
    private ArtifactRecord dumpDatabase(ArtifactSink sink, String database, Map<String, Long> counts) throws IOException {
        try (Connection connection = endpoint.connect(database)) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            String snapshot;
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT pg_export_snapshot()")) {
                rows.next();
                snapshot = rows.getString(1);
            }
            FutureTask<Map<String, Long>> counting = new FutureTask<>(() -> PostgresRowCounts.count(connection));
            Thread counter = new Thread(counting, "row counts of " + database);
            counter.setDaemon(true);
            counter.start();
            // --create: the archive also carries CREATE DATABASE with encoding and locale, and the database's
            // settings, comment and grants, for a restore by hand (pg_restore --create); a restore into an
            // existing database skips those entries, so Lifeboat's own restore applies them from databases.json
            List<String> argv = List.of(endpoint.tool("pg_dump"), "--format=custom", "--compress=0", "--no-password",
                    "--create", "--snapshot=" + snapshot);
            ToolCommand command = ToolCommand.of("pg_dump of database '" + database + "' on " + endpoint, argv,
                    endpoint.toolEnvironment(database));
            ArtifactRecord record;
            try {
                record = stream(command, sink, ArtifactNames.dumpFile(database), database, PgDumpDatastore.DUMP_FORMAT);
                counts.putAll(awaitCounts(counting, database));
            } catch (IOException | RuntimeException e) {
                connection.abort(Runnable::run); // ends a count still running; the dump failed anyway
                throw e;
            }
            connection.commit();
            return record;
        } catch (SQLException e) {
            throw new IOException("database '" + database + "': " + e.getMessage(), e);
        }
    }

    private Map<String, Long> awaitCounts(FutureTask<Map<String, Long>> counting, String database) throws IOException {
        try {
            return counting.get();
        } catch (ExecutionException e) {
            throw new IOException("unable to count rows in database '" + database + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while counting rows in database '" + database + "'", e);
        }
    }

    /** Runs {@code command} and streams its stdout into a new artifact, stored only if it exits 0. */
    private static ArtifactRecord stream(ToolCommand command, ArtifactSink sink, String fileName, String subject, String format)
            throws IOException {
        try (ExternalProcess process = ExternalProcess.start(command);
                ArtifactOutput out = sink.create(fileName, subject, format)) {
            try {
                copy(process.stdout(), out);
            } catch (IOException e) {
                throw new IOException(command.description() + ": " + e.getMessage() + process.stderrSuffix(), e);
            }
            process.awaitSuccess();
            return out.finish();
        }
    }

    private static void copy(InputStream in, ArtifactOutput out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
        }
    }
}
