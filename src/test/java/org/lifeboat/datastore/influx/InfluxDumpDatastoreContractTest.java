package org.lifeboat.datastore.influx;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContract;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.InfluxServer;
import org.lifeboat.testing.ServerPair;

/** The datastore contract for InfluxDB in dump mode, between two real influxd servers. */
class InfluxDumpDatastoreContractTest extends DatastoreContract {

    private static final String DB = "contract";

    @RegisterExtension
    static final ServerPair<InfluxServer> servers = new ServerPair<>(InfluxServer::start);

    @BeforeEach
    void emptyDatabases() {
        for (InfluxServer server : servers.both()) {
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
        return on(servers.production().url());
    }

    @Override
    protected Datastore target() {
        return on(servers.staging().url());
    }

    @Override
    protected Datastore unreachable() {
        return on("http://127.0.0.1:" + servers.closedPort());
    }

    @Override
    protected String unreachableAddress() {
        return "127.0.0.1:" + servers.closedPort();
    }

    @Override
    protected void fillSource() {
        InfluxSampleData.create(servers.production(), DB, 12_000);
    }

    @Override
    protected void fillTargetWithOtherData() {
        InfluxSampleData.createOther(servers.staging(), DB);
    }

    @Override
    protected List<String> namesOnTarget() {
        return InfluxSampleData.names(servers.staging().query(null, "SHOW DATABASES")).stream().sorted().toList();
    }

    @Override
    protected String fingerprintSource() {
        return InfluxSampleData.fingerprint(servers.production());
    }

    @Override
    protected String fingerprintTarget() {
        return InfluxSampleData.fingerprint(servers.staging());
    }
}
