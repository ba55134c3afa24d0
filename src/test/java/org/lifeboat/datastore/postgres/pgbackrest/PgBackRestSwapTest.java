package org.lifeboat.datastore.postgres.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.PostgresSampleData;

/**
 * A pgBackRest swap that fails half-way: the restored data directory is in place and the live one
 * aside when the restored cluster refuses to start (a setting it cannot read). The rollback puts the
 * old data directory back and starts the old cluster as it ran; nothing is left beside it.
 */
class PgBackRestSwapTest extends TestbedWithSets {

    private static final String DB = "ledger";

    @BeforeAll
    static void createDatabases() throws Exception {
        createSampleDatabase(DB);
    }

    @Test
    void aRestoredClusterThatCannotStartIsPutBackAndTheOldOneRunsAgain() throws Exception {
        DatastoreRecord recorded = sets.backup(testbed.datastore(testbed.production, testbed.productionSettings()), "set");
        String before = PostgresSampleData.fingerprint(testbed.staging, DB);
        Path live = testbed.staging.dataDir();
        List<String> beside;
        try (var entries = Files.list(live.getParent())) {
            beside = entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
        PgBackRestDatastore target = testbed.datastore(testbed.staging, testbed.stagingSettings());
        try (PreparedRestore prepared = sets.prepare(target, recorded, "set")) {
            Path restored = PgBackRestRestore.restoreDir(testbed.stagingSettings());
            Files.writeString(restored.resolve("postgresql.auto.conf"), "\nshared_buffers = 'not a size'\n", StandardOpenOption.APPEND);
            IOException e = assertThrows(IOException.class, prepared::swapIn);
            assertTrue(e.getMessage().contains("did not start") && e.getMessage().contains("the previous one in '" + live
                    + ".lifeboat-aside-"), e.getMessage());
            assertTrue(Files.exists(ClusterSwap.marker(live)), "the swap is journaled while it is not settled");
            prepared.rollBack();
        }
        assertEquals(before, PostgresSampleData.fingerprint(testbed.staging, DB), "the old cluster runs again with its data");
        try (var entries = Files.list(live.getParent())) {
            assertEquals(beside, entries.map(p -> p.getFileName().toString()).sorted().toList(), "nothing is left beside it");
        }
    }
}
