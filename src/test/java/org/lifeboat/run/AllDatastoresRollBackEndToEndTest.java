package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.ConfigLoader;
import org.lifeboat.datastore.minio.S3Fixture;
import org.lifeboat.datastore.mongo.MongoSampleData;
import org.lifeboat.rebuild.StepResult;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.LogLines;
import org.lifeboat.testing.PostgresSampleData;

/**
 * A restore of every datastore is all or nothing: when a post-restore step fails after all four
 * were swapped in, or when a later datastore's swap fails after the earlier ones were swapped,
 * every live datastore is as it was (rows, documents, points, objects with their metadata) and
 * nothing of the restore is left beside it. Real PostgreSQL, InfluxDB, sshd; the MongoDB and S3
 * stand-ins.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllDatastoresRollBackEndToEndTest {

    private static AllDatastoresServers servers;
    private static LifeboatFixture fixture;
    private static Path restoreConfig;

    @BeforeAll
    static void backUp() throws Exception {
        servers = new AllDatastoresServers();
        fixture = servers.fixture;
        S3Fixture staging = new S3Fixture(servers.s3Staging);
        staging.put("certificates", "stale.txt", "stale".getBytes(), "text/plain", Map.of("kept", "yes"));
        staging.bucket("staging-only");
        staging.put("staging-only", "note.txt", "only on staging".getBytes(), "text/plain", Map.of());
        fixture.staging.createDatabase("registry");
        PostgresSampleData.create(fixture.staging, "registry", 11);

        LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--config", servers.backupConfig().toString());
        assertEquals(0, outcome.code(), outcome.err());
        restoreConfig = servers.restoreConfig();
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    /** Everything staging holds, datastore by datastore. */
    private static List<String> staging() throws Exception {
        return List.of(PostgresSampleData.fingerprint(fixture.staging, "registry"),
                MongoSampleData.fingerprint(servers.mongoStaging.client(), "civil"), InfluxSampleData.fingerprint(servers.influxStaging),
                new S3Fixture(servers.s3Staging).fingerprint());
    }

    private static List<String> production() throws Exception {
        return List.of(PostgresSampleData.fingerprint(fixture.production, "registry"),
                MongoSampleData.fingerprint(servers.mongoProduction.client(), "civil"),
                InfluxSampleData.fingerprint(servers.influxProduction), new S3Fixture(servers.s3Production).fingerprint());
    }

    /** Every name on staging's servers that is Lifeboat's own (scratch, aside, kept, marker). */
    private static List<String> lifeboatNames() throws Exception {
        List<String> names = new ArrayList<>(fixture.staging.queryColumn("postgres", "SELECT datname FROM pg_database"));
        names.addAll(servers.mongoStaging.client().getDatabase("civil").listCollectionNames().into(new ArrayList<>()));
        names.addAll(InfluxSampleData.names(servers.influxStaging.query(null, "SHOW DATABASES")));
        names.addAll(new S3Fixture(servers.s3Staging).bucketNames());
        return names.stream().filter(n -> n.toLowerCase(java.util.Locale.ROOT).contains("lifeboat")).toList();
    }

    private static RestoreRun restoreRun(Appliance appliance) {
        return new RestoreRun(appliance, Clock.systemUTC());
    }

    @Test
    @Order(1)
    void aFailingPostRestoreStepPutsEveryDatastoreBack() throws Exception {
        List<String> before = staging();
        List<List<String>> duringTheStep = new ArrayList<>();
        long started = System.nanoTime();
        try (Appliance appliance = new Appliance(ConfigLoader.load(restoreConfig, Map.of()), Map.of())) {
            RunFailedException e = assertThrows(RunFailedException.class, () -> restoreRun(appliance).run("latest", List.of(),
                    Optional.empty(), () -> {
                        try {
                            duringTheStep.add(staging());
                        } catch (Exception x) {
                            throw new java.io.IOException(x);
                        }
                        return List.of(StepResult.failed("search index check", List.of("index 'registry' is empty"), Duration.ZERO));
                    }));
            assertTrue(e.getMessage().contains("post-restore step 'search index check' failed")
                    && e.getMessage().contains("every live datastore is as it was (put back: minio, influx, mongo, postgres)"), e.getMessage());
        }
        System.out.printf("FIGURE all datastores: restore, failed step and rollBack in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertEquals(production(), duringTheStep.get(0), "every datastore was swapped in when the step ran");
        assertEquals(before, staging(), "every live datastore is back exactly");
        assertEquals(List.of(), lifeboatNames(), "nothing of the restore is left beside the live data");
    }

    @Test
    @Order(2)
    void aLaterDatastoresFailingSwapPutsTheEarlierOnesBack() throws Exception {
        // staging's live InfluxDB holds what line protocol cannot carry: its copy aside fails, after PostgreSQL and MongoDB swapped
        servers.influxStaging.query(null, "SELECT value INTO \"metrics\".\"other\".\"#comment\" FROM \"metrics\".\"other\".\"stray\"");
        List<String> before = staging();
        try (Appliance appliance = new Appliance(ConfigLoader.load(restoreConfig, Map.of()), Map.of())) {
            RunFailedException e = assertThrows(RunFailedException.class, () -> restoreRun(appliance).run("latest", List.of(),
                    Optional.empty(), List::of));
            assertTrue(e.getMessage().startsWith("swapping in influx") && e.getMessage().contains(
                    "every live datastore is as it was (put back: influx, mongo, postgres)"), e.getMessage());
            String influx = appliance.datastores().stream().filter(d -> d.name().equals("influx")).findFirst().orElseThrow().describe();
            assertEquals(1, occurrences(e.getMessage(), influx), "the datastore and its address once: " + e.getMessage());
        }
        assertEquals(before, staging(), "postgres and mongo are back exactly; influx and minio were never replaced");
        assertEquals(List.of(), lifeboatNames(), "nothing of the restore is left beside the live data");
    }

    @Test
    @Order(3)
    void aSwapKilledBeforeItsCommitIsRolledBackByTheNextRestoreWhichThenRestores() throws Exception {
        // what a kill between the swap and the commit leaves: the live database renamed aside, the restored one in its place
        String aside = "registry__lifeboat_aside_20261202T031500Z";
        fixture.staging.execute("postgres", "ALTER DATABASE registry RENAME TO \"" + aside + "\"");
        fixture.staging.createDatabase("registry");
        PostgresSampleData.create(fixture.staging, "registry", 2);

        List<String> settled;
        List<String> run;
        try (LogLines settling = new LogLines(org.lifeboat.datastore.RenamedSwapSettling.class);
                LogLines restoring = new LogLines(RestoreRun.class)) {
            LifeboatFixture.Outcome restored = LifeboatFixture.run("restore", "--datastore", "postgres", "--config",
                    restoreConfig.toString());
            assertEquals(0, restored.code(), restored.err());
            settled = settling.lines();
            run = restoring.lines();
        }
        assertEquals(List.of("postgres: an earlier restore was interrupted before its commit: dropped the restored copy it had put in"
                + " place of database 'registry'", "postgres: an earlier restore was interrupted before its commit: database"
                + " 'registry' is back as it was before it (from '" + aside + "')"), settled);
        assertTrue(run.stream().anyMatch(l -> l.startsWith("postgres: loaded and checked from")), run.toString());
        assertEquals(production().get(0), PostgresSampleData.fingerprint(fixture.staging, "registry"), "then it restores the set");
        assertEquals(List.of(), lifeboatNames(), "neither the aside copy nor the uncommitted one is left");
    }

    @Test
    @Order(4)
    void aDamagedArtifactFailsTheRestoreNamingItsDatastoreAndAddressOnce() throws Exception {
        List<String> before = staging();
        Path set;
        try (java.util.stream.Stream<Path> sets = Files.list(fixture.setsFolder("all"))) {
            set = sets.filter(f -> Files.exists(f.resolve(org.lifeboat.repository.SetLayout.MANIFEST)))
                    .max(java.util.Comparator.naturalOrder()).orElseThrow();
        }
        List<org.lifeboat.datastore.Datastore> targets;
        try (Appliance appliance = new Appliance(ConfigLoader.load(restoreConfig, Map.of()), Map.of())) {
            targets = appliance.datastores();
        }
        assertEquals(4, targets.size(), targets.toString());
        for (org.lifeboat.datastore.Datastore target : targets) {
            Path largest;
            try (java.util.stream.Stream<Path> files = Files.walk(set.resolve(target.name()))) {
                largest = files.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(largest);
            byte[] damaged = bytes.clone(); // the same size, so the set is chosen; its content fails on reading
            for (int i = damaged.length / 2; i < Math.min(damaged.length, damaged.length / 2 + 64); i++) {
                damaged[i] ^= 0x5a;
            }
            Files.write(largest, damaged);
            LifeboatFixture.Outcome failed = LifeboatFixture.run("restore", "--datastore", target.name(), "--config", restoreConfig.toString());
            Files.write(largest, bytes);
            assertEquals(1, failed.code(), failed.err());
            System.out.printf("EXAMPLE restore: %s%n", failed.err().strip());
            assertEquals(1, occurrences(failed.err(), target.describe()), "the datastore and its address once: " + failed.err());
            assertTrue(failed.err().contains("restore of " + target.describe() + " from set"), failed.err());
        }
        assertEquals(before, staging(), "no live datastore was touched");
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
