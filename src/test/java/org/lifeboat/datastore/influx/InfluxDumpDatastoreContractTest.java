package org.lifeboat.datastore.influx;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContract;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.InfluxServer;

/** The datastore contract for InfluxDB in dump mode, between two real influxd servers. */
class InfluxDumpDatastoreContractTest extends DatastoreContract {

    private static final String DB = "contract";
    private static InfluxServer production;
    private static InfluxServer staging;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        production = InfluxServer.start();
        staging = InfluxServer.start();
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
    void emptyDatabases() {
        for (InfluxServer server : List.of(production, staging)) {
            server.query(null, "DROP DATABASE " + DB);
            server.query(null, "CREATE DATABASE " + DB);
        }
    }

    /** Small windows (one hour) and batches so that a few thousand points take many queries and writes. */
    static InfluxDumpDatastore on(String url) {
        return new InfluxDumpDatastore("influx-contract", new InfluxSettings(url, null, null, List.of(), List.of(), List.of(),
                Duration.ofHours(1), 1000, Duration.ofSeconds(30)));
    }

    @Override
    protected Datastore source() {
        return on(production.url());
    }

    @Override
    protected Datastore target() {
        return on(staging.url());
    }

    @Override
    protected Datastore unreachable() {
        return on("http://127.0.0.1:" + closedPort);
    }

    @Override
    protected String unreachableAddress() {
        return "127.0.0.1:" + closedPort;
    }

    @Override
    protected void fillSource() {
        InfluxSampleData.create(production, DB, 12_000);
    }

    @Override
    protected void fillTargetWithOtherData() {
        InfluxSampleData.createOther(staging, DB);
    }

    @Override
    protected List<String> namesOnTarget() {
        return InfluxSampleData.names(staging.query(null, "SHOW DATABASES")).stream().sorted().toList();
    }

    @Override
    protected String fingerprintSource() {
        return InfluxSampleData.fingerprint(production);
    }

    @Override
    protected String fingerprintTarget() {
        return InfluxSampleData.fingerprint(staging);
    }
}
