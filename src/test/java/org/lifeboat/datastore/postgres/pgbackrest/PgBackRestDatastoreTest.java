package org.lifeboat.datastore.postgres.pgbackrest;

import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.lifeboat.datastore.Check;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.LogLines;
import org.lifeboat.testing.PostgresServer;

/**
 * pgBackRest 2.45 against real PostgreSQL 15 clusters and a real sshd: stanza creation, a full
 * then a differential backup with changes between them, a restore holding both, point-in-time
 * recovery between two inserts, a wrong passphrase and an unreachable repository host.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgBackRestDatastoreTest extends TestbedWithSets {

    private static final String DB = "shop";
    private static DatastoreRecord full;
    private static DatastoreRecord diff;

    @BeforeAll
    static void createEvents() throws Exception {
        testbed.production.createDatabase(DB);
        testbed.production.execute(DB, "CREATE TABLE events (id serial PRIMARY KEY, phase text NOT NULL)");
    }

    private static PgBackRestDatastore production(Optional<String> type) throws IOException {
        PgBackRestSettings settings = testbed.settings(testbed.production, "production",
                testbed.productionSettings().repository().configDir(), testbed.passphraseFile(), type);
        return testbed.datastore(testbed.production, settings);
    }

    private static PgBackRestDatastore staging(PgBackRestSettings settings) throws IOException {
        return testbed.datastore(testbed.staging, settings);
    }

    private static void insert(String phase, int rows) throws Exception {
        testbed.production.execute(DB, "INSERT INTO events (phase) SELECT '" + phase + "' FROM generate_series(1, " + rows + ")");
    }

    private static long rows(PostgresServer server, String phase) throws Exception {
        return server.queryLong(DB, "SELECT count(*) FROM events WHERE phase = '" + phase + "'");
    }

    @Test
    @Order(1)
    void precheckPassesWithArchivingAndCreatesTheStanza() throws Exception {
        List<Check> checks = production(Optional.empty()).precheck();
        assertTrue(checks.stream().allMatch(Check::ok), checks.toString());
        assertTrue(checks.stream().anyMatch(c -> c.subject().endsWith("archive_mode") && c.detail().equals("on")), checks.toString());
        assertTrue(Files.isDirectory(Path.of(testbed.repositoryPath, "backup", PgBackRestTestbed.STANZA)), "stanza created");
        String backupInfo = Files.readString(Path.of(testbed.repositoryPath, "backup", PgBackRestTestbed.STANZA, "backup.info"),
                StandardCharsets.ISO_8859_1);
        assertFalse(backupInfo.contains("[backrest]"), "the repository is encrypted");
    }

    @Test
    @Order(2)
    void fullThenDifferentialRestoresDataFromBoth() throws Exception {
        insert("before-full", 100);
        full = sets.backup(production(Optional.of("full")), "set-full");
        insert("before-diff", 50);
        testbed.production.execute(DB, "DELETE FROM events WHERE id <= 10");
        diff = sets.backup(production(Optional.of("diff")), "set-diff");

        BackupInfo fullInfo = info(full);
        BackupInfo diffInfo = info(diff);
        assertEquals("full", fullInfo.type());
        assertEquals("diff", diffInfo.type());
        assertTrue(diffInfo.label().startsWith(fullInfo.label() + "_"), diffInfo.label() + " is based on " + fullInfo.label());
        assertTrue(diffInfo.backup().path("info").path("repository").path("delta").asLong()
                < fullInfo.backup().path("info").path("repository").path("delta").asLong(), "the differential is smaller");
        assertEquals(Long.valueOf(100), full.counts().get(DB).get("public.events"));
        assertEquals(Long.valueOf(140), diff.counts().get(DB).get("public.events"));
        assertTrue(diff.versions().get("pgbackrest").startsWith("2."), diff.versions().toString());

        insert("after-diff", 7); // archived WAL beyond the backup: the restore must stop at the backup's restore point
        sets.restore(staging(testbed.stagingSettings()), diff, "set-diff");
        assertEquals(90, rows(testbed.staging, "before-full"));
        assertEquals(50, rows(testbed.staging, "before-diff"));
        assertEquals(0, rows(testbed.staging, "after-diff"));
        assertEquals(List.of(), ClusterSwap.asideDirs(testbed.staging.dataDir()), "the old data directory is removed at the commit");
        assertTrue(!Files.exists(ClusterSwap.marker(testbed.staging.dataDir())), "and the swap's marker with it");
        assertEquals("off", testbed.staging.queryColumn("postgres", "SHOW archive_mode").get(0), "staging never archives");
    }

    @Test
    @Order(3)
    void pointInTimeRecoveryStopsBetweenTwoInserts() throws Exception {
        insert("pitr-first", 3);
        Thread.sleep(1500);
        String target = testbed.production.queryColumn("postgres", "SELECT clock_timestamp()::text").get(0);
        Thread.sleep(1500);
        insert("pitr-second", 4);
        testbed.production.execute("postgres", "SELECT pg_switch_wal()");
        awaitArchived();

        PgBackRestSettings pitr = testbed.stagingSettings().withRestore(
                new PgBackRestSettings.Restore(Optional.of(target), Optional.empty(), true));
        sets.restore(staging(pitr), full, "set-full");
        assertEquals(90, rows(testbed.staging, "before-full"));
        assertEquals(3, rows(testbed.staging, "pitr-first"));
        assertEquals(0, rows(testbed.staging, "pitr-second"));
    }

    @Test
    @Order(4)
    void pointInTimeRecoveryToAnLsnStopsBetweenTwoInserts() throws Exception {
        insert("lsn-first", 2);
        String target = testbed.production.queryColumn("postgres", "SELECT pg_current_wal_insert_lsn()::text").get(0);
        insert("lsn-second", 6);
        testbed.production.execute("postgres", "SELECT pg_switch_wal()");
        awaitArchived();

        PgBackRestSettings pitr = testbed.stagingSettings().withRestore(
                new PgBackRestSettings.Restore(Optional.empty(), Optional.of(target), true));
        sets.restore(staging(pitr), diff, "set-diff");
        assertEquals(2, rows(testbed.staging, "lsn-first"));
        assertEquals(0, rows(testbed.staging, "lsn-second"));
    }

    @Test
    @Order(5)
    void aWrongPassphraseFailsClearlyAndLeavesStagingAsItWas() throws Exception {
        Path wrong = work.resolve("wrong-passphrase");
        Files.writeString(wrong, "not-the-passphrase\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        String before = testbed.staging.queryColumn(DB, "SELECT count(*)::text FROM events").get(0);
        PgBackRestDatastore datastore = staging(testbed.stagingSettings("wrong", wrong));
        IOException e = assertThrows(IOException.class, () -> sets.prepare(datastore, diff, "set-diff").close());
        assertTrue(e.getMessage().contains("cannot be decrypted with the passphrase in '" + wrong + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-passphrase"), "no secret in the message");
        assertEquals(before, testbed.staging.queryColumn(DB, "SELECT count(*)::text FROM events").get(0));
        assertFalse(Files.exists(PgBackRestRestore.restoreDir(testbed.stagingSettings())), "nothing left behind");
    }

    @Test
    @Order(6)
    void aPreparedRestoreThatIsNotSwappedLeavesNothingBehind() throws Exception {
        insert("not-swapped", 5);
        String before = testbed.staging.queryColumn(DB, "SELECT count(*)::text FROM events").get(0);
        try (PreparedRestore prepared = sets.prepare(staging(testbed.stagingSettings()), diff, "set-diff")) {
            assertTrue(Files.isDirectory(PgBackRestRestore.restoreDir(testbed.stagingSettings())));
        }
        assertFalse(Files.exists(PgBackRestRestore.restoreDir(testbed.stagingSettings())));
        assertEquals(before, testbed.staging.queryColumn(DB, "SELECT count(*)::text FROM events").get(0));
    }

    @Test
    @Order(7)
    void anUnreachableRepositoryHostIsNamed() throws Exception {
        int closed = org.lifeboat.testing.ClosedPort.pick();
        PgBackRestSettings good = testbed.productionSettings();
        PgBackRestSettings.Repository r = good.repository();
        PgBackRestSettings settings = new PgBackRestSettings(good.stanza(), good.pgbackrest(), testbed.dir.resolve("unreachable-work"),
                good.cluster(), new PgBackRestSettings.Repository(r.host(), closed, r.user(), r.path(), r.configDir(), r.keyFile(),
                        r.knownHostsFile(), r.remoteKeyFile(), r.remoteKnownHostsFile()),
                good.cipherPassFile(), good.fullDay(), good.type(), good.retentionFull(), good.retentionDiff(), good.restore());
        PgBackRestDatastore datastore = testbed.datastore(testbed.production, settings);
        IOException e = assertThrows(IOException.class, () -> sets.backup(datastore, "set-unreachable"));
        assertTrue(e.getMessage().contains("repository host 127.0.0.1:" + closed + " is unreachable"), e.getMessage());
        List<Check> checks = datastore.precheck();
        assertTrue(checks.stream().anyMatch(c -> !c.ok() && c.detail().contains("127.0.0.1:" + closed)), checks.toString());
    }

    @Test
    @Order(8)
    void withoutSwapTheCheckedClusterIsLeftRunningBesideTheLiveOne() throws Exception {
        String before = testbed.staging.queryColumn(DB, "SELECT count(*)::text FROM events").get(0);
        PgBackRestSettings noSwap = testbed.stagingSettings().withRestore(
                new PgBackRestSettings.Restore(Optional.empty(), Optional.empty(), false));
        Path restored = PgBackRestRestore.restoreDir(noSwap);
        sets.restore(staging(noSwap), diff, "set-diff");
        Path socketDir = Path.of(Files.readAllLines(restored.resolve("postmaster.pid")).get(4));
        try {
            assertTrue(Files.exists(socketDir.resolve(".s.PGSQL." + Files.readAllLines(restored.resolve("postmaster.pid")).get(3))),
                    "running, with its socket in " + socketDir);
            assertEquals(before, testbed.staging.queryColumn(DB, "SELECT count(*)::text FROM events").get(0), "live untouched");
        } finally {
            org.lifeboat.process.ExternalProcess.run(new PgBackRestCommands(noSwap).clusterTool("stop", "pg_ctl",
                    List.of("-D", restored.toString(), "-m", "fast", "-w", "stop")));
            Files.deleteIfExists(socketDir.resolve("postgres.log"));
            Files.deleteIfExists(socketDir);
        }
    }

    @Test
    @Order(9)
    void unloggedTablesAreRecordedAsNotInThePhysicalBackupAndComeBackEmpty() throws Exception {
        testbed.production.execute(DB, "CREATE UNLOGGED TABLE cache (k int); INSERT INTO cache SELECT generate_series(1, 30);"
                + " CREATE UNLOGGED SEQUENCE cache_seq; SELECT nextval('cache_seq')");
        testbed.production.createDatabase("closed_db");
        testbed.production.execute("postgres", "ALTER DATABASE closed_db WITH ALLOW_CONNECTIONS false");
        DatastoreRecord recorded = sets.backup(production(Optional.of("diff")), "set-unlogged");
        String cache = "public.cache" + org.lifeboat.datastore.postgres.server.PostgresRowCounts.UNLOGGED;
        assertEquals(Long.valueOf(30), recorded.counts().get(DB).get(cache), recorded.counts().toString());
        assertTrue(recorded.excluded().containsAll(List.of(
                "database shop: unlogged table public.cache (30 rows at backup): not in a physical backup, a restore brings it back empty",
                "database shop: unlogged sequence public.cache_seq: not in a physical backup, a restore resets it to its start",
                "database closed_db: in the physical backup, rows not counted (it does not accept connections (ALLOW_CONNECTIONS false))")),
                recorded.excluded().toString());

        // a restore that fails after it made its folder says the folder it removes is its own
        Map<String, Map<String, Long>> wrongCounts = new java.util.HashMap<>(recorded.counts());
        Map<String, Long> shop = new java.util.HashMap<>(wrongCounts.get(DB));
        shop.put("public.events", shop.get("public.events") + 1);
        wrongCounts.put(DB, shop);
        boolean leftover = Files.exists(PgBackRestRestore.restoreDir(testbed.stagingSettings())); // by the test that does not swap
        try (LogLines log = new LogLines(PgBackRestRestore.class)) {
            IOException e = assertThrows(IOException.class, () -> sets.restore(staging(testbed.stagingSettings()),
                    withCounts(recorded, wrongCounts), "set-unlogged"));
            assertTrue(e.getMessage().contains("public.events expected"), e.getMessage());
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("lifeboat-restore' of this restore, which failed")), log.lines().toString());
            assertEquals(leftover ? 1 : 0, log.lines().stream().filter(l -> l.contains("left by an earlier restore")).count(),
                    "only a folder that was there before this restore is called an earlier restore's: " + log.lines());
        }

        sets.restore(staging(testbed.stagingSettings()), recorded, "set-unlogged");
        assertEquals(0, testbed.staging.queryLong(DB, "SELECT count(*) FROM cache"), "the unlogged table exists, empty");
        assertEquals(testbed.production.queryLong(DB, "SELECT count(*) FROM events"), testbed.staging.queryLong(DB, "SELECT count(*) FROM events"));

        // a set recorded before unlogged tables were marked (plain name, 30 rows) restores too
        Map<String, Map<String, Long>> older = new java.util.HashMap<>(recorded.counts());
        Map<String, Long> plain = new java.util.HashMap<>(older.get(DB));
        plain.put("public.cache", plain.remove(cache));
        older.put(DB, plain);
        sets.restore(staging(testbed.stagingSettings()), withCounts(recorded, older), "set-unlogged");
        assertEquals(0, testbed.staging.queryLong(DB, "SELECT count(*) FROM cache"));
    }

    private static DatastoreRecord withCounts(DatastoreRecord recorded, Map<String, Map<String, Long>> counts) {
        return new DatastoreRecord(recorded.name(), recorded.kind(), recorded.mode(), recorded.started(), recorded.finished(),
                recorded.versions(), recorded.artifacts(), counts, recorded.excluded());
    }

    private static BackupInfo info(DatastoreRecord recorded) throws IOException {
        try (var in = new org.lifeboat.repository.StoreArtifactSource(new org.lifeboat.store.local.LocalBackupStore(work.resolve("store")),
                new org.lifeboat.pipeline.ArtifactDecoder(org.lifeboat.keys.AgeIdentity.read(
                        work.resolve("keys").resolve(org.lifeboat.keys.KeyFiles.AGE_IDENTITY))),
                recorded == full ? "set-full" : "set-diff", recorded.name()).open(recorded.artifacts().get(0))) {
            return BackupInfo.fromJson(in.readAllBytes(), "test");
        }
    }

    /** Waits until every WAL segment up to now is in the repository ({@code pgbackrest check} waits for one switch). */
    private static void awaitArchived() throws Exception {
        PgBackRestSettings settings = testbed.productionSettings();
        org.lifeboat.process.ExternalProcess.run(new PgBackRestCommands(settings).local("check", List.of()));
        assertNotEquals(0, testbed.production.queryLong("postgres", "SELECT archived_count FROM pg_stat_archiver"));
    }
}
