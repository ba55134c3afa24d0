package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.keys.KeyFiles;
import org.lifeboat.testing.LocalSets;

/**
 * Damaged and half-deleted sets through the command line, on a local store: {@code list} shows
 * every set and says which are damaged; {@code prune} never counts a damaged set as a backup, and a
 * prune that dies while deleting leaves nothing that looks complete.
 */
class DamagedSetsTest {

    private static final String ENV = "production";

    @TempDir
    Path work;

    private LocalSets sets;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        sets = new LocalSets(work);
        config = work.resolve("lifeboat.yaml");
        Files.writeString(config, """
                lifeboat:
                  environment: %s
                  store:
                    type: local
                    root: %s
                  backup:
                    recipients-file: %s
                    signing-key-file: %s
                  retention:
                    daily: 1
                    weekly: 0
                    monthly: 0
                """.formatted(ENV, sets.root(), work.resolve("keys").resolve(KeyFiles.AGE_RECIPIENTS),
                        work.resolve("keys").resolve(KeyFiles.SIGNING_KEY)));
    }

    @Test
    void listShowsEverySetAndNamesTheDamagedOne() throws IOException {
        sets.publish(ENV, Instant.parse("2026-11-30T01:00:00Z"));
        sets.publish(ENV, Instant.parse("2026-12-01T01:00:00Z"));
        sets.breakManifest(ENV, "2026-12-01", "not json at all");

        LifeboatFixture.Outcome list = LifeboatFixture.run("list", "--config", config.toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("2026-11-30") && l.contains("complete")), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("2026-12-01") && l.contains("damaged") && l.contains("manifest")),
                list.out());
    }

    @Test
    void pruneKeepsTheNewestCompleteSetWhenTheNewestFolderIsDamaged() throws IOException {
        sets.publish(ENV, Instant.parse("2026-11-29T01:00:00Z"));
        sets.publish(ENV, Instant.parse("2026-11-30T01:00:00Z"));
        sets.publish(ENV, Instant.parse("2026-12-01T01:00:00Z"));
        Files.delete(sets.artifact(ENV, "2026-12-01"));

        LifeboatFixture.Outcome prune = LifeboatFixture.run("prune", "--config", config.toString());
        assertEquals(0, prune.code(), prune.err());
        assertTrue(Files.isDirectory(sets.folder(ENV, "2026-11-30")), "the newest complete set is kept:\n" + prune.out());
        assertTrue(Files.isDirectory(sets.folder(ENV, "2026-12-01")), "a damaged set is left for an operator");
        assertFalse(Files.exists(sets.folder(ENV, "2026-11-29")), prune.out());
    }

    @Test
    void aPruneThatDiesWhileDeletingLeavesNoSetThatLooksComplete() throws Exception {
        sets.publish(ENV, Instant.parse("2026-11-30T01:00:00Z"));
        sets.publish(ENV, Instant.parse("2026-12-01T01:00:00Z"));
        Path stuck = sets.artifact(ENV, "2026-11-30");
        chattr("+i", stuck); // the file system refuses to delete it: prune fails after it began
        LifeboatFixture.Outcome failed;
        try {
            failed = LifeboatFixture.run("prune", "--config", config.toString());
        } finally {
            chattr("-i", sets.root().resolve(ENV).resolve("2026-11-30.partial").resolve(LocalSets.DATASTORE)
                    .resolve(stuck.getFileName()));
        }
        assertEquals(1, failed.code(), failed.out() + failed.err());
        assertFalse(Files.exists(sets.folder(ENV, "2026-11-30")), "the set stopped being a set before its files went");
        assertTrue(Files.isDirectory(sets.root().resolve(ENV).resolve("2026-11-30.partial")));

        LifeboatFixture.Outcome list = LifeboatFixture.run("list", "--config", config.toString());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("2026-11-30") && l.contains("unfinished")), list.out());

        LifeboatFixture.Outcome again = LifeboatFixture.run("prune", "--config", config.toString());
        assertEquals(0, again.code(), again.err());
        assertFalse(Files.exists(sets.root().resolve(ENV).resolve("2026-11-30.partial")), "the next prune finishes the job");
        assertTrue(Files.isDirectory(sets.folder(ENV, "2026-12-01")));
    }

    private static void chattr(String flag, Path file) throws Exception {
        Process p = new ProcessBuilder(List.of("chattr", flag, file.toString())).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "chattr " + flag + " " + file + ": " + output);
    }
}
