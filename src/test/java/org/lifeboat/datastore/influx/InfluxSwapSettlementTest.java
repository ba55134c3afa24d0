package org.lifeboat.datastore.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.datastore.SwapStamp;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.InfluxServer;
import org.lifeboat.testing.ServerPair;

/**
 * A Lifeboat killed at each kind of point of an InfluxDB swap, and the next restore settling it
 * (between two real influxd servers): killed while copying aside, after replacing the live data,
 * in its commit, and in the settling itself. The set holds {@code metrics}, which staging has with
 * other points, other retention policies (durations the set does not have) and another continuous
 * query, and {@code fresh}, which staging does not have. Where the code cannot be stopped at the
 * point, the test leaves on the server what a killed Lifeboat leaves, through the swap's own
 * journal.
 */
class InfluxSwapSettlementTest {

    @RegisterExtension
    static final ServerPair<InfluxServer> servers = new ServerPair<>(InfluxServer::start);

    @TempDir
    Path work;
    private ArtifactFixture artifacts;
    private DatastoreRecord recorded;

    @BeforeEach
    void fill() throws Exception {
        for (InfluxServer server : servers.both()) {
            for (String db : InfluxSampleData.names(server.query(null, "SHOW DATABASES"))) {
                if (!db.equals("_internal")) {
                    server.query(null, "DROP DATABASE \"" + db + "\"");
                }
            }
        }
        servers.production().query(null, "CREATE DATABASE metrics");
        InfluxSampleData.create(servers.production(), "metrics", 2_000);
        servers.production().query(null, "CREATE DATABASE fresh");
        servers.production().write("fresh", null, "new,k=v value=1i " + InfluxSampleData.BASE + "\n");
        servers.staging().query(null, "CREATE DATABASE metrics WITH DURATION 8760h REPLICATION 1 SHARD DURATION 168h NAME yearly");
        servers.staging().query(null, "CREATE RETENTION POLICY weekly ON metrics DURATION 168h REPLICATION 1 SHARD DURATION 24h");
        servers.staging().query(null, "CREATE CONTINUOUS QUERY \"old cq\" ON metrics BEGIN SELECT max(value) INTO metrics.weekly.old_max"
                + " FROM metrics.yearly.old GROUP BY time(1d), * END");
        long now = System.currentTimeMillis() * 1_000_000L;
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            lines.append("old,host=s").append(i % 3).append(" value=").append(i).append("i,text=\"t").append(i).append("\" ")
                    .append(now - 3_600_000_000_000L + i).append('\n');
        }
        servers.staging().write("metrics", "yearly", lines.toString());
        servers.staging().write("metrics", "weekly", "old_max,host=s1 max=7i " + now + "\n");
        artifacts = new ArtifactFixture(work);
        recorded = artifacts.backup(InfluxDumpDatastoreContractTest.on(servers.production().url()));
    }

    @Test
    void killedAfterReplacingTheLiveDataIsRolledBackWithItsPoliciesAndContinuousQueries() throws Exception {
        String before = InfluxSampleData.fingerprint(servers.staging());
        List<String> namesBefore = names();
        swappedIn();
        assertEquals(fingerprintOf(servers.production()), InfluxSampleData.fingerprint(servers.staging()),
                "the killed restore had swapped in");
        assertTrue(names().contains("fresh"), "and created the database staging did not have");

        settleByTheNextRestore();
        assertEquals(before, InfluxSampleData.fingerprint(servers.staging()),
                "points, policies (durations too) and continuous queries are back");
        assertEquals(namesBefore, names(), "the database the killed restore created is dropped, and nothing of Lifeboat's is left");
        artifacts.restore(target(), recorded);
        assertEquals(fingerprintOf(servers.production()), InfluxSampleData.fingerprint(servers.staging()), "and a restore runs as usual");
    }

    @Test
    void killedWhileCopyingAsideDropsTheIncompleteCopy() throws Exception {
        String before = InfluxSampleData.fingerprint(servers.staging());
        List<String> namesBefore = names();
        target().prepare(recorded, artifacts.source("influx-contract")); // loaded and checked, then killed in the swap
        String stamp = SwapStamp.now();
        try (InfluxConnection connection = target().connect()) {
            InfluxCatalog catalog = new InfluxCatalog(connection);
            SwapJournal journal = new SwapJournal(connection, ArtifactNames.marker(stamp));
            journal.create();
            journal.record(new SwapJournal.Entry("metrics", SwapJournal.PENDING, null, null));
            journal.record(new SwapJournal.Entry("fresh", SwapJournal.PENDING, null, null));
            journal.record(new SwapJournal.Entry("metrics", SwapJournal.COPYING_ASIDE, catalog.retentionPolicies("metrics"),
                    catalog.continuousQueries("metrics")));
        }
        String aside = ArtifactNames.aside("metrics", stamp);
        servers.staging().query(null, "CREATE DATABASE \"" + aside + "\" WITH NAME yearly");
        servers.staging().write(aside, "yearly", "old,host=s0 value=0i " + InfluxSampleData.BASE + "\n"); // the copy, cut short
        assertTrue(names().contains(aside) && names().contains("metrics_lifeboat_restore"), names().toString());

        settleByTheNextRestore();
        assertEquals(before, InfluxSampleData.fingerprint(servers.staging()), "the live database was untouched and stays so");
        assertEquals(namesBefore, names(), "the incomplete copy, the scratch databases and the marker are dropped");
    }

    @Test
    void killedDuringItsCommitIsFinishedAndTheRestoredDataStays() throws Exception {
        String stamp = swappedIn();
        try (InfluxConnection connection = target().connect()) {
            new SwapJournal(connection, ArtifactNames.marker(stamp)).committing(); // the commit's first step, then killed
        }
        servers.staging().query(null, "DROP DATABASE \"metrics_lifeboat_aside_" + stamp + "\""); // it had dropped the copy aside, too
        String restored = InfluxSampleData.fingerprint(servers.staging());
        assertEquals(fingerprintOf(servers.production()), restored);

        settleByTheNextRestore();
        assertEquals(restored, InfluxSampleData.fingerprint(servers.staging()), "the restored databases stay: the commit is finished");
        assertEquals(List.of("fresh", "metrics"), names(), "the copies aside and the marker are dropped");
    }

    @Test
    void killedWhileTheSettlingPutTheLiveDataBackIsSettledAgain() throws Exception {
        String before = InfluxSampleData.fingerprint(servers.staging());
        List<String> namesBefore = names();
        String stamp = swappedIn();
        // the next restore's settling began putting 'metrics' back: journaled, dropped the live database, copied part of it
        try (InfluxConnection connection = target().connect()) {
            SwapJournal.Entry entry = SwapJournal.read(connection, ArtifactNames.marker(stamp)).entries().get("metrics");
            new SwapJournal(connection, ArtifactNames.marker(stamp)).record(entry.at(SwapJournal.PUTTING_BACK));
            connection.query(null, "DROP DATABASE metrics");
            connection.query(null, entry.policies().get(0).createDatabase("metrics"));
        }
        servers.staging().write("metrics", "yearly", "old,host=s0 value=0i "
                + (System.currentTimeMillis() * 1_000_000L - 3_600_000_000_000L) + "\n");

        settleByTheNextRestore();
        assertEquals(before, InfluxSampleData.fingerprint(servers.staging()), "the live database is whole again, policies and queries too");
        assertEquals(namesBefore, names());
        settleByTheNextRestore();
        assertEquals(before, InfluxSampleData.fingerprint(servers.staging()),
                "a settled swap is settled once: nothing changes the second time");
        assertEquals(namesBefore, names());
    }

    /** Prepares and swaps in a restore of the set, then "kills" it (no commit, rollback or close); returns its stamp. */
    private String swappedIn() throws Exception {
        PreparedRestore interrupted = target().prepare(recorded, artifacts.source("influx-contract"));
        interrupted.swapIn();
        String marker = names().stream().filter(ArtifactNames::isMarker).findFirst().orElseThrow();
        return ArtifactNames.stampOf(marker);
    }

    /** What the next restore does first: settles, then loads its own copy, which it discards. */
    private void settleByTheNextRestore() throws Exception {
        target().prepare(recorded, artifacts.source("influx-contract")).close();
    }

    private static InfluxDumpDatastore target() {
        return InfluxDumpDatastoreContractTest.on(servers.staging().url());
    }

    private static String fingerprintOf(InfluxServer server) {
        return InfluxSampleData.fingerprint(server);
    }

    private static List<String> names() {
        return InfluxSampleData.names(servers.staging().query(null, "SHOW DATABASES")).stream().filter(db -> !db.equals("_internal"))
                .sorted().toList();
    }
}
