package org.lifeboat.datastore.postgres.pgbackrest;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContract;
import org.lifeboat.datastore.postgres.ContractDatabase;
import org.lifeboat.testing.ClosedPort;
import org.lifeboat.testing.PostgresSampleData;

/**
 * The datastore contract for PostgreSQL in differential mode: pgBackRest 2.45 backs production up
 * into a repository behind a real sshd, and staging's cluster is replaced by the restored one.
 */
class PgBackRestDatastoreContractTest extends DatastoreContract {

    private static final String DB = ContractDatabase.NAME;
    private static PgBackRestTestbed testbed;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        testbed = PgBackRestTestbed.start();
        closedPort = ClosedPort.pick();
    }

    @AfterAll
    static void stop() throws Exception {
        if (testbed != null) {
            testbed.close();
        }
    }

    @BeforeEach
    void emptyDatabases() throws Exception {
        ContractDatabase.recreate(List.of(testbed.production, testbed.staging));
    }

    @Override
    protected Datastore source() throws Exception {
        return testbed.datastore(testbed.production, testbed.productionSettings());
    }

    @Override
    protected Datastore target() throws Exception {
        return testbed.datastore(testbed.staging, testbed.stagingSettings());
    }

    /** Production, but the repository host's SSH port is closed. */
    @Override
    protected Datastore unreachable() throws Exception {
        PgBackRestSettings good = testbed.productionSettings();
        PgBackRestSettings.Repository r = good.repository();
        return testbed.datastore(testbed.production, new PgBackRestSettings(good.stanza(), good.pgbackrest(),
                testbed.dir.resolve("unreachable-work"), good.cluster(), new PgBackRestSettings.Repository(r.host(), closedPort,
                        r.user(), r.path(), r.configDir(), r.keyFile(), r.knownHostsFile(), r.remoteKeyFile(), r.remoteKnownHostsFile()),
                good.cipherPassFile(), good.fullDay(), good.type(), good.retentionFull(), good.retentionDiff(), good.restore()));
    }

    @Override
    protected String unreachableAddress() {
        return "127.0.0.1:" + closedPort;
    }

    @Override
    protected void fillSource() throws Exception {
        PostgresSampleData.create(testbed.production, DB, 500);
    }

    @Override
    protected void fillTargetWithOtherData() throws Exception {
        PostgresSampleData.create(testbed.staging, DB, 7);
    }

    @Override
    protected List<String> namesOnTarget() throws Exception {
        try (java.util.stream.Stream<java.nio.file.Path> beside = java.nio.file.Files.list(testbed.staging.dataDir().getParent())) {
            return beside.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    protected String fingerprintSource() throws Exception {
        return ContractDatabase.fingerprint(testbed.production);
    }

    @Override
    protected String fingerprintTarget() throws Exception {
        return ContractDatabase.fingerprint(testbed.staging);
    }
}
