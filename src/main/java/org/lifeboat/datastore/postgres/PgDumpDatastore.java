package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.BackupResult;
import org.lifeboat.datastore.Check;
import org.lifeboat.datastore.AbstractDatastore;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.process.ExternalProcess;
import org.lifeboat.process.ToolCommand;

/** A PostgreSQL server backed up with {@code pg_dump} and restored with {@code pg_restore}. */
public final class PgDumpDatastore extends AbstractDatastore {

    /** The artifact format of a database dump. */
    static final String DUMP_FORMAT = "pg_dump-custom";
    /** The artifact format of the roles dump. */
    static final String ROLES_FORMAT = "sql";

    private final PostgresEndpoint endpoint;
    private final PgDumpOptions options;

    public PgDumpDatastore(String name, PostgresEndpoint endpoint, PgDumpOptions options) {
        super(name, "postgresql", "dump");
        this.endpoint = endpoint;
        this.options = options;
    }

    @Override
    protected String address() {
        return endpoint.toString();
    }

    @Override
    public BackupResult backup(ArtifactSink sink) throws IOException {
        return new PgDumpBackup(this, endpoint, options).run(sink);
    }

    @Override
    public PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        return new PgRestore(this, endpoint, options).prepare(recorded, source);
    }

    @Override
    public List<Check> precheck() {
        List<Check> checks = new ArrayList<>();
        String server;
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE)) {
            server = PostgresCatalog.serverVersion(connection);
            checks.add(Check.ok(name() + ": server", "PostgreSQL " + server + " at " + endpoint));
            List<String> present = PostgresRowCounts.databases(connection);
            for (String wanted : options.databases()) {
                if (!present.contains(wanted)) {
                    checks.add(Check.failed(name() + ": database " + wanted, "not found on " + endpoint));
                }
            }
        } catch (IOException | SQLException e) {
            checks.add(Check.failed(name() + ": server", e.getMessage()));
            return checks;
        }
        for (String tool : List.of("pg_dump", "pg_dumpall", "pg_restore")) {
            checks.add(toolCheck(tool, server));
        }
        return checks;
    }

    /** The version line of a client tool, checked to be at least the server's major version. */
    String toolVersion(String tool) throws IOException {
        return ExternalProcess.run(ToolCommand.of(tool + " --version", List.of(endpoint.tool(tool), "--version"),
                java.util.Map.of())).strip();
    }

    private Check toolCheck(String tool, String server) {
        try {
            String version = toolVersion(tool);
            if (PostgresCatalog.major(version) < PostgresCatalog.major(server)) {
                return Check.failed(name() + ": " + tool, version + " is older than the server (" + server
                        + "): install a client of major " + PostgresCatalog.major(server) + " or newer");
            }
            return Check.ok(name() + ": " + tool, version);
        } catch (IOException e) {
            return Check.failed(name() + ": " + tool, e.getMessage());
        }
    }

    /**
     * Which databases to back up: the configured ones, or all but templates, less the excluded.
     * A configured database that does not exist is an error.
     */
    List<String> selectDatabases(List<String> present) throws IOException {
        List<String> selected = new ArrayList<>(options.databases().isEmpty() ? present : options.databases());
        for (String wanted : options.databases()) {
            if (!present.contains(wanted)) {
                throw new IOException("database '" + wanted + "' does not exist on " + endpoint);
            }
        }
        selected.removeAll(Set.copyOf(options.excludeDatabases()));
        return selected;
    }
}
