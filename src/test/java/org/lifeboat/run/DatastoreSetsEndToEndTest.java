package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.InfluxServer;
import org.lifeboat.testing.ServerPair;
import org.lifeboat.testing.PostgresSampleData;

/**
 * {@code backup --datastore}: one job per datastore, as Kubernetes runs them. Each run makes a set
 * of its datastores; {@code restore} of latest takes, per datastore, the newest complete set that
 * holds it; prune keeps the newest complete set of every datastore.
 */
class DatastoreSetsEndToEndTest {

    @RegisterExtension
    static final LifeboatFixture fixture = LifeboatFixture.perClass().withSampleDatabase("registry", 200);
    @RegisterExtension
    static final ServerPair<InfluxServer> influxServers = new ServerPair<>(InfluxServer::start);
    private static Path backup;
    private static Path restore;

    @BeforeAll
    static void start() throws Exception {
        influxServers.production().query("", "CREATE DATABASE metrics");
        InfluxSampleData.create(influxServers.production(), "metrics", 500);
        influxServers.staging().query("", "CREATE DATABASE metrics");
        InfluxSampleData.createOther(influxServers.staging(), "metrics");
        backup = fixture.backupConfig("perjob", List.of("registry"), "    prune-after-backup: false\n");
        Files.writeString(backup, Files.readString(backup) + "    influx:\n      url: " + influxServers.production().url() + "\n");
        restore = fixture.restoreConfig("perjob", fixture.identity());
        Files.writeString(restore, Files.readString(restore) + "    influx:\n      url: " + influxServers.staging().url() + "\n");
    }

    private static List<Path> sets() throws IOException {
        try (Stream<Path> sets = Files.list(fixture.setsFolder("perjob"))) {
            return sets.filter(p -> Files.exists(p.resolve("manifest.json"))).sorted().toList();
        }
    }

    @Test
    void eachJobMakesASetOfItsDatastoresAndLatestCombinesThem() throws Exception {
        LifeboatFixture.Outcome postgres = LifeboatFixture.run("backup", "--datastore", "postgres", "--config", backup.toString());
        assertEquals(0, postgres.code(), postgres.err());
        Thread.sleep(1100); // the next set starts in another second
        LifeboatFixture.Outcome influx = LifeboatFixture.run("backup", "--datastore", "influx", "--config", backup.toString());
        assertEquals(0, influx.code(), influx.err());
        Thread.sleep(1100);
        // a later postgres-only run must not hide influx's set from a restore of latest
        assertEquals(0, LifeboatFixture.run("backup", "--datastore", "postgres", "--config", backup.toString()).code());

        List<Path> sets = sets();
        assertEquals(3, sets.size(), sets.toString());
        assertTrue(Files.isDirectory(sets.get(0).resolve("postgres")) && !Files.exists(sets.get(0).resolve("influx")));
        assertTrue(Files.isDirectory(sets.get(1).resolve("influx")) && !Files.exists(sets.get(1).resolve("postgres")));

        LifeboatFixture.Outcome restored = LifeboatFixture.run("restore", "--config", restore.toString());
        assertEquals(0, restored.code(), restored.err());
        assertEquals(PostgresSampleData.fingerprint(fixture.production, "registry"),
                PostgresSampleData.fingerprint(fixture.staging, "registry"));
        assertEquals(InfluxSampleData.fingerprint(influxServers.production()),
                InfluxSampleData.fingerprint(influxServers.staging()));

        // retention of one day keeps the newest set of each datastore: the influx set, though older
        Path prune = fixture.backupConfig("perjob", List.of("registry"), "");
        Files.writeString(prune, Files.readString(prune).replace("  datastores:", "  retention:\n    daily: 1\n    weekly: 0\n"
                + "    monthly: 0\n  datastores:"));
        assertEquals(0, LifeboatFixture.run("prune", "--config", prune.toString()).code());
        List<Path> kept = sets();
        assertEquals(List.of(sets.get(1), sets.get(2)), kept);
        assertFalse(Files.exists(sets.get(0)));
    }

    @Test
    void anUnknownDatastoreIsAConfigurationError() {
        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--datastore", "nosuch", "--config", backup.toString());
        assertEquals(2, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("lifeboat.datastores.nosuch"), outcome.err());
    }
}
