package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.process.ExternalProcess;
import org.lifeboat.process.ToolCommand;

/**
 * One database of a restore, in order (after the {@link #plan} of every database's properties,
 * refused before anything is loaded when a role one needs is missing): the scratch database made like the original, {@code pg_restore} as the
 * restore login, the objects handed from that login to the configured user, the row counts
 * compared with the manifest, then the properties applied and compared with the record.
 */
final class DatabaseLoad {

    private static final Logger LOG = Logger.getLogger(DatabaseLoad.class);

    private final PgDumpDatastore datastore;
    private final PostgresEndpoint endpoint;
    private final PgDumpOptions options;
    private final RestoreLogin login;

    DatabaseLoad(PgDumpDatastore datastore, PostgresEndpoint endpoint, PgDumpOptions options, RestoreLogin login) {
        this.datastore = datastore;
        this.endpoint = endpoint;
        this.options = options;
        this.login = login;
    }

    /**
     * A database's recorded properties and what of them its restore gives it.
     *
     * @param recorded as backed up
     * @param restored the rule's outcome ({@link RestoredProperties#plan})
     */
    record Plan(DatabaseProperties recorded, RestoredProperties restored) {
    }

    /**
     * The plan of every database in {@code databases}, made before any is loaded, so that a role
     * missing for any of them fails the restore before anything is created.
     */
    Map<String, Plan> plan(Map<String, DatabaseProperties> recorded, List<String> databases) throws IOException {
        Set<String> roles;
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE); Statement statement = connection.createStatement()) {
            roles = roles(statement);
        } catch (SQLException e) {
            throw new IOException("unable to list the roles on " + endpoint + ": " + e.getMessage(), e);
        }
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (String database : databases) {
            DatabaseProperties properties = recorded.get(database);
            if (properties == null) {
                throw new IOException("the set's " + DatabasePropertiesFile.FILE_NAME + " has no entry for database '" + database + "'");
            }
            plans.put(database, new Plan(properties, RestoredProperties.plan(database, properties, options.restoreOwnership(),
                    endpoint.user(), roles)));
        }
        return plans;
    }

    void load(ArtifactSource source, ArtifactRecord artifact, String scratch, Optional<Plan> plan, Map<String, Long> counts)
            throws IOException {
        String database = artifact.subject();
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE); Statement statement = connection.createStatement()) {
            String owner = login.loadOwner(options.restoreOwnership()
                    ? plan.map(p -> p.recorded().get(DatabaseProperties.OWNER)) : Optional.empty());
            ScratchDatabase.create(statement, scratch, plan.map(Plan::recorded), owner);
        } catch (SQLException e) {
            throw new IOException("unable to create scratch database '" + scratch + "' for '" + database + "' on " + endpoint + ": "
                    + e.getMessage(), e);
        }
        restore(source, artifact, scratch);
        handOver(scratch);
        checkCounts(database, scratch, counts);
        if (plan.isPresent()) {
            applyAndCheck(database, scratch, plan.get().recorded(), plan.get().restored());
        }
    }

    private void restore(ArtifactSource source, ArtifactRecord artifact, String scratch) throws IOException {
        List<String> argv = new ArrayList<>(List.of(endpoint.tool("pg_restore"), "--exit-on-error", "--no-password",
                "--dbname=" + scratch));
        if (!options.restoreOwnership()) {
            argv.add("--no-owner");
            argv.add("--no-privileges");
        }
        String what = "pg_restore of '" + artifact.path() + "' into '" + scratch + "' as '" + login.role() + "' on " + endpoint;
        try (ExternalProcess process = ExternalProcess.start(new ToolCommand(what, argv, login.endpoint().toolEnvironment(scratch), true));
                InputStream plain = source.open(artifact)) {
            try (OutputStream stdin = process.stdin()) {
                plain.transferTo(stdin);
            } catch (IOException e) {
                int code = process.await();
                String cause = code != 0 ? " (pg_restore exit code " + code + process.stderrSuffix() + ")" : "";
                throw new IOException(what + ": " + e.getMessage() + cause + privilegeHint(cause), e);
            }
            try {
                process.awaitSuccess();
            } catch (IOException e) {
                throw new IOException(e.getMessage() + privilegeHint(e.getMessage()), e);
            }
        }
    }

    /** What to do when pg_restore failed for want of a superuser's rights, or nothing. */
    private String privilegeHint(String message) {
        boolean privilege = message.contains("permission denied") || message.contains("must be superuser")
                || message.contains("must be owner") || message.contains("must be member") || message.contains("must be able to")
                || message.contains("pg_execute_server_program");
        return login.separate() && privilege ? "; the dump was loaded as '" + login.role() + "', which is not a superuser: a dump"
                + " that needs superuser rights (an untrusted extension or language, objects owned by a superuser with"
                + " restore-ownership) restores only with restore-as-superuser: true" : "";
    }

    /** Gives what the restore login created to the configured user, so that the login owns nothing after the restore. */
    private void handOver(String scratch) throws IOException {
        if (!login.separate()) {
            return;
        }
        try (Connection connection = endpoint.connectPinned(scratch); Statement statement = connection.createStatement()) {
            statement.execute("REASSIGN OWNED BY " + PostgresCatalog.quote(login.role()) + " TO CURRENT_USER");
        } catch (SQLException e) {
            throw new IOException("unable to hand the objects of '" + scratch + "' from '" + login.role() + "' to '" + endpoint.user()
                    + "': " + e.getMessage(), e);
        }
    }

    private void checkCounts(String database, String scratch, Map<String, Long> expected) throws IOException {
        Map<String, Long> actual;
        try (Connection connection = endpoint.connectPinned(scratch)) {
            actual = PostgresRowCounts.count(connection);
        } catch (SQLException e) {
            throw new IOException("unable to count rows in '" + scratch + "': " + e.getMessage(), e);
        }
        List<String> differences = PostgresRowCounts.differences(Map.of(database, expected), Map.of(database, actual));
        if (!differences.isEmpty()) {
            throw new IOException("restored database '" + database + "' does not match the manifest: " + String.join("; ", differences));
        }
        LOG.infof("%s: database '%s' restored and checked: %d tables, %d rows match the manifest", datastore.name(), database,
                actual.size(), actual.values().stream().mapToLong(Long::longValue).sum());
    }

    private void applyAndCheck(String database, String scratch, DatabaseProperties recorded, RestoredProperties plan) throws IOException {
        DatabaseProperties found;
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE)) {
            ScratchDatabase.apply(connection, scratch, plan.wanted());
            found = DatabaseProperties.read(connection, scratch);
        } catch (SQLException e) {
            throw new IOException("unable to give restored database '" + database + "' its recorded properties: " + e.getMessage(), e);
        }
        plan.check(database, found);
        String versions = RestoredProperties.collationVersions(recorded, found);
        if (versions != null) {
            LOG.warnf("%s: database '%s': collation library version %s: text may sort differently in details", datastore.name(),
                    database, versions);
        }
        if (!plan.leftOut().isEmpty()) {
            LOG.warnf("%s: database '%s': not restored, since restore-ownership is off: %s", datastore.name(), database,
                    String.join(", ", plan.leftOut()));
        }
        LOG.infof("%s: database '%s': %d recorded properties applied and checked", datastore.name(), database,
                plan.wanted().facts().size());
    }

    private static Set<String> roles(Statement statement) throws SQLException {
        Set<String> roles = new HashSet<>();
        try (ResultSet rows = statement.executeQuery("SELECT rolname FROM pg_roles")) {
            while (rows.next()) {
                roles.add(rows.getString(1));
            }
        }
        return roles;
    }
}
