package org.lifeboat.datastore.postgres;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContract;
import org.lifeboat.testing.PostgresSampleData;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.ServerPair;

/** The datastore contract for PostgreSQL in dump mode, between two real clusters. */
class PgDumpDatastoreContractTest extends DatastoreContract {

    private static final String DB = ContractDatabase.NAME;

    @RegisterExtension
    static final ServerPair<PostgresServer> servers = new ServerPair<>(PostgresServer::start);

    @BeforeEach
    void emptyDatabases() throws Exception {
        ContractDatabase.recreate(servers.both());
    }

    private static Datastore on(PostgresServer server, int port, List<String> databases) throws Exception {
        return new PgDumpDatastore("pg-contract", new PostgresEndpoint("127.0.0.1", port, "postgres",
                Files.readString(server.passwordFile()).strip(), server.binDir()),
                new PgDumpOptions(databases, List.of(), false, false));
    }

    @Override
    protected Datastore source() throws Exception {
        return on(servers.production(), servers.production().port(), List.of(DB));
    }

    @Override
    protected Datastore target() throws Exception {
        return on(servers.staging(), servers.staging().port(), List.of());
    }

    @Override
    protected Datastore unreachable() throws Exception {
        return on(servers.production(), servers.closedPort(), List.of(DB));
    }

    @Override
    protected String unreachableAddress() {
        return "127.0.0.1:" + servers.closedPort();
    }

    @Override
    protected void fillSource() throws Exception {
        PostgresSampleData.create(servers.production(), DB, 500);
    }

    @Override
    protected void fillTargetWithOtherData() throws Exception {
        PostgresSampleData.create(servers.staging(), DB, 7);
    }

    @Override
    protected String fingerprintSource() throws Exception {
        return ContractDatabase.fingerprint(servers.production());
    }

    @Override
    protected String fingerprintTarget() throws Exception {
        return ContractDatabase.fingerprint(servers.staging());
    }

    @Override
    protected List<String> namesOnTarget() throws Exception {
        return servers.staging().queryColumn("postgres", "SELECT datname FROM pg_database ORDER BY 1");
    }
}
