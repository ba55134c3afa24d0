package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.postgres.server.PostgresDatabases;
import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
            try {
                PostgresDatabases.Selection selection = PostgresDatabases.select(PostgresDatabases.list(connection), options.databases(),
                        options.excludeDatabases());
                checks.add(Check.ok(name() + ": databases", selection.dumped().size() + " to back up"
                        + (selection.excluded().isEmpty() ? "" : "; excluded: " + String.join(", ", selection.excluded()))));
            } catch (IOException e) {
                checks.add(Check.failed(name() + ": databases", e.getMessage()));
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

    /** Whether a committed restore keeps the newest replaced copy ({@code lifeboat.restore.keep-replaced}). */
    boolean keepsReplaced() {
        return keepReplaced();
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
}
