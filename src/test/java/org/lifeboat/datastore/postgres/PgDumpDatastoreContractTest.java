package org.lifeboat.datastore.postgres;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContract;
import org.lifeboat.testing.PostgresSampleData;
import org.lifeboat.testing.PostgresServer;

/** The datastore contract for PostgreSQL in dump mode, between two real clusters. */
class PgDumpDatastoreContractTest extends DatastoreContract {

    private static final String DB = "contract";
    private static PostgresServer production;
    private static PostgresServer staging;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        production = PostgresServer.start();
        staging = PostgresServer.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        production.close();
        staging.close();
    }

    @BeforeEach
    void emptyDatabases() throws Exception {
        for (PostgresServer server : List.of(production, staging)) {
            server.execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            server.createDatabase(DB);
        }
    }

    private static Datastore on(PostgresServer server, int port, List<String> databases) throws Exception {
        return new PgDumpDatastore("pg-contract", new PostgresEndpoint("127.0.0.1", port, "postgres",
                Files.readString(server.passwordFile()).strip(), server.binDir()),
                new PgDumpOptions(databases, List.of(), false, false));
    }

    @Override
    protected Datastore source() throws Exception {
        return on(production, production.port(), List.of(DB));
    }

    @Override
    protected Datastore target() throws Exception {
        return on(staging, staging.port(), List.of());
    }

    @Override
    protected Datastore unreachable() throws Exception {
        return on(production, closedPort, List.of(DB));
    }

    @Override
    protected String unreachableAddress() {
        return "127.0.0.1:" + closedPort;
    }

    @Override
    protected void fillSource() throws Exception {
        PostgresSampleData.create(production, DB, 500);
    }

    @Override
    protected void fillTargetWithOtherData() throws Exception {
        PostgresSampleData.create(staging, DB, 7);
    }

    @Override
    protected String fingerprintSource() throws Exception {
        return fingerprint(production);
    }

    @Override
    protected String fingerprintTarget() throws Exception {
        return fingerprint(staging);
    }

    @Override
    protected List<String> namesOnTarget() throws Exception {
        return staging.queryColumn("postgres", "SELECT datname FROM pg_database ORDER BY 1");
    }

    /** Every table of the database with an md5 of its rows in order. */
    private static String fingerprint(PostgresServer server) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String table : server.queryColumn(DB, "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables"
                + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
            out.append(table).append(' ').append(server.queryColumn(DB,
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + table + " t"))
                    .append('\n');
        }
        return out.toString();
    }
}
