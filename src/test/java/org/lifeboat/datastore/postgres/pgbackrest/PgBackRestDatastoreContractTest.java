package org.lifeboat.datastore.postgres.pgbackrest;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContract;
import org.lifeboat.datastore.postgres.ContractDatabase;
import org.lifeboat.testing.ClassServer;
import org.lifeboat.testing.ClosedPort;
import org.lifeboat.testing.PostgresSampleData;

/**
 * The datastore contract for PostgreSQL in differential mode: pgBackRest 2.45 backs production up
 * into a repository behind a real sshd, and staging's cluster is replaced by the restored one.
 */
class PgBackRestDatastoreContractTest extends DatastoreContract {

    private static final String DB = ContractDatabase.NAME;

    @RegisterExtension
    static final ClassServer<PgBackRestTestbed> testbed = new ClassServer<>(PgBackRestTestbed::start);
    private static int closedPort;

    @BeforeAll
    static void pickClosedPort() {
        closedPort = ClosedPort.pick();
    }

    @BeforeEach
    void emptyDatabases() throws Exception {
        ContractDatabase.recreate(List.of(testbed.get().production, testbed.get().staging));
    }

    @Override
    protected Datastore source() throws Exception {
        return testbed.get().datastore(testbed.get().production, testbed.get().productionSettings());
    }

    @Override
    protected Datastore target() throws Exception {
        return testbed.get().datastore(testbed.get().staging, testbed.get().stagingSettings());
    }

    /** Production, but the repository host's SSH port is closed. */
    @Override
    protected Datastore unreachable() throws Exception {
        PgBackRestSettings good = testbed.get().productionSettings();
        PgBackRestSettings.Repository r = good.repository();
        return testbed.get().datastore(testbed.get().production, new PgBackRestSettings(good.stanza(), good.pgbackrest(),
                testbed.get().dir.resolve("unreachable-work"), good.cluster(), new PgBackRestSettings.Repository(r.host(), closedPort,
                        r.user(), r.path(), r.configDir(), r.keyFile(), r.knownHostsFile(), r.remoteKeyFile(), r.remoteKnownHostsFile()),
                good.cipherPassFile(), good.fullDay(), good.type(), good.retentionFull(), good.retentionDiff(), good.restore()));
    }

    @Override
    protected String unreachableAddress() {
        return "127.0.0.1:" + closedPort;
    }

    @Override
    protected void fillSource() throws Exception {
        PostgresSampleData.create(testbed.get().production, DB, 500);
    }

    @Override
    protected void fillTargetWithOtherData() throws Exception {
        PostgresSampleData.create(testbed.get().staging, DB, 7);
    }

    @Override
    protected List<String> namesOnTarget() throws Exception {
        try (java.util.stream.Stream<java.nio.file.Path> beside = java.nio.file.Files.list(testbed.get().staging.dataDir().getParent())) {
            return beside.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    protected String fingerprintSource() throws Exception {
        return ContractDatabase.fingerprint(testbed.get().production);
    }

    @Override
    protected String fingerprintTarget() throws Exception {
        return ContractDatabase.fingerprint(testbed.get().staging);
    }
}
