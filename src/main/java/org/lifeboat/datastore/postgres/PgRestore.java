package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * One restore of a PostgreSQL dump set: every database is loaded into a scratch database by
 * {@link DatabaseLoad}, as the least privileged login that works ({@link RestoreLogin}), and
 * checked against the manifest's row counts and the set's recorded database properties
 * ({@link #prepare}); the swap comes later, when every datastore of the set is ready
 * ({@link PreparedDatabases}). A restore first settles a swap an earlier, killed restore left unfinished ({@link InterruptedSwap}).
 */
final class PgRestore {

    private static final Logger LOG = Logger.getLogger(PgRestore.class);

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
        Optional<Map<String, DatabaseLoad.Plan>> plans = Optional.empty();
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE)) {
            InterruptedSwap.settle(datastore.name(), connection);
        } catch (SQLException e) {
            throw new IOException("unable to settle an interrupted earlier restore on " + endpoint + ": " + e.getMessage(), e);
        }
        try (RestoreLogin login = RestoreLogin.open(endpoint, options, datastore.name())) {
            DatabaseLoad loader = new DatabaseLoad(datastore, endpoint, options, login);
            for (ArtifactRecord artifact : recorded.artifacts()) {
                if (artifact.format().equals(PgDumpDatastore.ROLES_FORMAT)) {
                    drain(source, artifact); // roles are verified, not applied: see README, restore by hand
                    continue;
                }
                if (artifact.format().equals(DatabasePropertiesFile.FORMAT)) {
                    try (InputStream in = source.open(artifact)) {
                        plans = Optional.of(loader.plan(DatabasePropertiesFile.fromJson(in.readAllBytes(), artifact.path()),
                                dumpedDatabases(recorded)));
                    }
                    continue;
                }
                String database = artifact.subject();
                if (plans.isEmpty()) {
                    LOG.warnf("%s: the set has no %s (written by an older Lifeboat): database '%s' is restored with this server's"
                            + " default encoding and locale, without its settings, comment, owner and grants", datastore.name(),
                            DatabasePropertiesFile.FILE_NAME, database);
                }
                String scratch = ArtifactNames.scratch(database);
                scratchByDatabase.put(database, scratch);
                loader.load(source, artifact, scratch, plans.map(all -> all.get(database)),
                        recorded.counts().getOrDefault(database, Map.of()));
            }
        } catch (IOException | RuntimeException e) {
            dropQuietly(scratchByDatabase.values());
            throw e;
        }
        return new PreparedDatabases(datastore.name(), endpoint, scratchByDatabase, datastore.keepsReplaced());
    }

    private static List<String> dumpedDatabases(DatastoreRecord recorded) {
        return recorded.artifacts().stream().filter(a -> a.format().equals(PgDumpDatastore.DUMP_FORMAT)).map(ArtifactRecord::subject).toList();
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
