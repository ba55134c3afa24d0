package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.process.ExternalProcess;
import org.lifeboat.process.ToolCommand;

/**
 * One restore of a PostgreSQL dump set: every database is loaded into a scratch database and its
 * row counts compared with the manifest ({@link #prepare}); the swap comes later, when every
 * datastore of the set is ready.
 */
final class PgRestore {

    private static final Logger LOG = Logger.getLogger(PgRestore.class);
    private static final int COPY_BUFFER = 256 * 1024;

    private final PgDumpDatastore datastore;
    private final PostgresEndpoint endpoint;
    private final PgDumpOptions options;

    PgRestore(PgDumpDatastore datastore, PostgresEndpoint endpoint, PgDumpOptions options) {
        this.datastore = datastore;
        this.endpoint = endpoint;
        this.options = options;
    }

    /** Loads every database into its scratch database and checks it; swaps nothing. */
    PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        Map<String, String> scratchByDatabase = new LinkedHashMap<>();
        try {
            for (ArtifactRecord artifact : recorded.artifacts()) {
                if (artifact.format().equals(PgDumpDatastore.ROLES_FORMAT)) {
                    drain(source, artifact); // roles are verified, not applied: see README, restore by hand
                    continue;
                }
                String scratch = ArtifactNames.scratch(artifact.subject());
                scratchByDatabase.put(artifact.subject(), scratch);
                load(source, artifact, scratch);
                Map<String, Long> expected = recorded.counts().getOrDefault(artifact.subject(), Map.of());
                checkCounts(artifact.subject(), scratch, expected);
            }
        } catch (IOException | RuntimeException e) {
            dropQuietly(scratchByDatabase.values());
            throw e;
        }
        return new Prepared(scratchByDatabase);
    }

    /** The checked scratch databases, by the live database each replaces. */
    private final class Prepared implements PreparedRestore {
        private final Map<String, String> scratchByDatabase;
        private final List<String> replaced = new ArrayList<>();

        Prepared(Map<String, String> scratchByDatabase) {
            this.scratchByDatabase = scratchByDatabase;
        }

        @Override
        public void swapIn() throws IOException {
            DatabaseSwap swap = new DatabaseSwap(endpoint);
            for (Map.Entry<String, String> entry : scratchByDatabase.entrySet()) {
                try {
                    swap.replace(entry.getKey(), entry.getValue());
                } catch (IOException e) {
                    List<String> pending = new ArrayList<>(scratchByDatabase.keySet());
                    pending.removeAll(replaced);
                    throw new IOException(e.getMessage() + "; already replaced by their verified copies: "
                            + (replaced.isEmpty() ? "none" : String.join(", ", replaced)) + "; not replaced (live data as it "
                            + "was, verified copies kept as *_lifeboat_restore): " + String.join(", ", pending), e);
                }
                replaced.add(entry.getKey());
                LOG.infof("%s: database '%s' replaced by the restored copy", datastore.name(), entry.getKey());
            }
        }

        @Override
        public void close() {
            if (replaced.isEmpty()) {
                dropQuietly(scratchByDatabase.values());
            }
        }
    }

    private void load(ArtifactSource source, ArtifactRecord artifact, String scratch) throws IOException {
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + PostgresCatalog.quote(scratch));
            statement.execute("CREATE DATABASE " + PostgresCatalog.quote(scratch) + " TEMPLATE template0");
        } catch (SQLException e) {
            throw new IOException(datastore.describe() + ": unable to create scratch database '" + scratch + "': " + e.getMessage(), e);
        }
        List<String> argv = new ArrayList<>(List.of(endpoint.tool("pg_restore"), "--exit-on-error", "--no-password",
                "--dbname=" + scratch));
        if (!options.restoreOwnership()) {
            argv.add("--no-owner");
            argv.add("--no-privileges");
        }
        String what = "pg_restore of '" + artifact.path() + "' into '" + scratch + "' on " + endpoint;
        try (ExternalProcess process = ExternalProcess.start(new ToolCommand(what, argv, endpoint.toolEnvironment(scratch), true));
                InputStream plain = source.open(artifact)) {
            try (OutputStream stdin = process.stdin()) {
                plain.transferTo(stdin);
            } catch (IOException e) {
                int code = process.await();
                String cause = code != 0 ? " (pg_restore exit code " + code + process.stderrSuffix() + ")" : "";
                throw new IOException(what + ": " + e.getMessage() + cause, e);
            }
            process.awaitSuccess();
        }
    }

    private void checkCounts(String database, String scratch, Map<String, Long> expected) throws IOException {
        Map<String, Long> actual;
        try (Connection connection = endpoint.connect(scratch)) {
            actual = PostgresRowCounts.count(connection);
        } catch (SQLException e) {
            throw new IOException(datastore.describe() + ": unable to count rows in '" + scratch + "': " + e.getMessage(), e);
        }
        List<String> differences = PostgresRowCounts.differences(Map.of(database, expected), Map.of(database, actual));
        if (!differences.isEmpty()) {
            throw new IOException(datastore.describe() + ": restored database '" + database + "' does not match the manifest: "
                    + String.join("; ", differences));
        }
        LOG.infof("%s: database '%s' restored and checked: %d tables, %d rows match the manifest", datastore.name(), database,
                actual.size(), actual.values().stream().mapToLong(Long::longValue).sum());
    }

    private static void drain(ArtifactSource source, ArtifactRecord artifact) throws IOException {
        try (InputStream in = source.open(artifact)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private void dropQuietly(Iterable<String> scratches) {
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE); Statement statement = connection.createStatement()) {
            for (String scratch : scratches) {
                statement.execute("DROP DATABASE IF EXISTS " + PostgresCatalog.quote(scratch) + " WITH (FORCE)");
            }
        } catch (IOException | SQLException e) {
            // cleanup after a failed restore: the live databases are untouched; a leftover scratch is dropped by the next restore
            LOG.warnf("%s: unable to drop scratch databases after the failure: %s", datastore.name(), e.getMessage());
        }
    }
}
