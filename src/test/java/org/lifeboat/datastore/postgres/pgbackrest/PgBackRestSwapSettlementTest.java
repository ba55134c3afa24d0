package org.lifeboat.datastore.postgres.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.datastore.SwapStamp;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.PostgresSampleData;

/**
 * A Lifeboat killed at each kind of point of a pgBackRest swap of data directories, and the next
 * restore settling it (real PostgreSQL clusters, pgBackRest over SSH): killed with the live cluster
 * stopped before its directory moved aside, in its commit, and in the settling itself (killed after
 * the restored cluster was swapped in and started is the contract's
 * {@code aRestoreKilledBeforeItsCommitIsRolledBackByTheNextOne}). Afterwards the cluster in the live directory runs with
 * the data it should have and nothing of Lifeboat's is beside it. Where the code cannot be stopped
 * at the point, the test leaves what a killed Lifeboat leaves, through the swap's own journal.
 */
class PgBackRestSwapSettlementTest extends TestbedWithSets {

    private static final String DB = "ledger";
    private static DatastoreRecord recorded;
    private static String production;

    @BeforeAll
    static void backUpProduction() throws Exception {
        createSampleDatabase(DB);
        recorded = sets.backup(testbed.datastore(testbed.production, testbed.productionSettings()), "set");
        production = PostgresSampleData.fingerprint(testbed.production, DB);
    }

    @Test
    void killedWithTheLiveClusterStoppedBeforeItsDirectoryMovedIsStartedAgain() throws Exception {
        String before = PostgresSampleData.fingerprint(testbed.staging, DB);
        List<String> beside = beside();
        Path live = testbed.staging.dataDir();
        sets.prepare(target(), recorded, "set"); // checked and running on its private socket, then killed in the swap
        String options = ClusterSwap.startOptions(Files.readString(live.resolve("postmaster.opts"), StandardCharsets.UTF_8), live);
        Path restored = PgBackRestRestore.restoreDir(testbed.stagingSettings());
        SwapJournal.record(live, new SwapJournal.Step(SwapJournal.MOVING_ASIDE, ClusterSwap.asideDir(live, SwapStamp.now()), restored,
                true, options));
        control().stopIfRunning(restored);
        control().stopIfRunning(live);
        assertFalse(control().running(live), "the live cluster is stopped, as the killed swap left it");

        settleByTheNextRestore();
        assertTrue(control().running(live), "the live cluster runs again, as it did before the swap");
        assertEquals(before, PostgresSampleData.fingerprint(testbed.staging, DB));
        assertEquals(beside, beside(), "the restored directory and the marker are removed");
    }

    @Test
    void killedDuringItsCommitIsFinishedAndTheRestoredClusterStays() throws Exception {
        SwapJournal.Step step = swappedIn();
        SwapJournal.record(testbed.staging.dataDir(), step.at(SwapJournal.COMMITTING)); // the commit's first step
        try (var files = Files.list(step.aside().resolve("base"))) {
            Path first = files.sorted().findFirst().orElseThrow(); // then killed while removing the aside directory
            control().remove(first);
        }

        settleByTheNextRestore();
        assertEquals(production, PostgresSampleData.fingerprint(testbed.staging, DB), "the restored cluster stays, running");
        assertTrue(beside().stream().noneMatch(name -> name.contains("lifeboat")), "the aside directory and the marker are removed: "
                + beside());
        // put staging back as the other tests expect it
        testbed.staging.execute("postgres", "DROP DATABASE " + DB);
        testbed.staging.createDatabase(DB);
        PostgresSampleData.create(testbed.staging, DB, 6);
    }

    @Test
    void killedWhileTheSettlingPutTheLiveDirectoryBackIsSettledAgain() throws Exception {
        String before = PostgresSampleData.fingerprint(testbed.staging, DB);
        List<String> beside = beside();
        Path live = testbed.staging.dataDir();
        SwapJournal.Step step = swappedIn();
        // the next restore's settling journaled, stopped the restored cluster and moved it out of the live name, then was killed
        SwapJournal.record(live, step.at(SwapJournal.PUTTING_BACK));
        control().stopIfRunning(live);
        Files.move(live, step.restored(), StandardCopyOption.ATOMIC_MOVE);
        assertFalse(Files.exists(live), "no data directory under the live name, as the killed settling left it");

        settleByTheNextRestore();
        assertEquals(before, PostgresSampleData.fingerprint(testbed.staging, DB), "the old cluster runs again, with its data");
        assertEquals(beside, beside());
        settleByTheNextRestore();
        assertEquals(before, PostgresSampleData.fingerprint(testbed.staging, DB), "a settled swap is settled once");
        assertEquals(beside, beside());
    }

    /** Prepares and swaps in a restore of the set, then "kills" it (no commit, rollback or close); returns its journaled step. */
    private static SwapJournal.Step swappedIn() throws Exception {
        PreparedRestore interrupted = sets.prepare(target(), recorded, "set");
        interrupted.swapIn();
        SwapJournal.Step step = SwapJournal.read(testbed.staging.dataDir());
        assertEquals(SwapJournal.STARTING, step.step());
        assertTrue(Files.isDirectory(step.aside()), "the live data directory is kept aside");
        return step;
    }

    /** What the next restore does first: settles, then restores and checks its own copy, which it discards. */
    private static void settleByTheNextRestore() throws Exception {
        sets.prepare(target(), recorded, "set").close();
    }

    private static PgBackRestDatastore target() throws Exception {
        return testbed.datastore(testbed.staging, testbed.stagingSettings());
    }

    private static ClusterSettlement control() throws Exception {
        return new ClusterSettlement(target(), new PgBackRestCommands(testbed.stagingSettings()), testbed.staging.dataDir());
    }

    private static List<String> beside() throws Exception {
        try (var entries = Files.list(testbed.staging.dataDir().getParent())) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
