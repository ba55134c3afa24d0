package org.lifeboat.datastore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher behind {@link MongoBigCollectionTest} sees a spill file as the earlier format made one. */
class FileWriteWatcherTest {

    @TempDir
    Path dir;

    @Test
    void aFileWrittenForAWhileIsSeenUnlessItIsUnderAnAllowedFolder() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("store"));
        FileWriteWatcher watcher = FileWriteWatcher.start(List.of(allowed));
        Path spill = Files.createTempFile(dir, "lifeboat-spill-", ".aes");
        try (OutputStream out = Files.newOutputStream(spill); OutputStream ok = Files.newOutputStream(allowed.resolve("artifact"))) {
            for (int i = 0; i < 300; i++) { // about 1.5 s: as long as a spill file of some megabytes lives
                out.write(new byte[1024]);
                ok.write(new byte[1024]);
                Thread.sleep(5);
            }
        }
        Files.delete(spill);
        Set<String> written = watcher.stop();
        assertTrue(watcher.polls() > 10, "polls: " + watcher.polls());
        assertEquals(Set.of(spill.toString()), written);
    }
}
