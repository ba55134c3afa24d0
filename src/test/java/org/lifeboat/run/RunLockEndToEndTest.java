package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One run at a time, through the command line and a real sshd: two backups started together (as
 * from two hosts) give one set and one refusal naming the holder; a lock whose holder went silent is
 * taken over; a second run on the same host is refused by the local lock; restore and prune lock too.
 */
class RunLockEndToEndTest {

    @RegisterExtension
    static final LifeboatFixture fixture = LifeboatFixture.perClass().withSampleDatabase("shop", 2000);

    /** A backup configuration of {@code environment} whose local lock is {@code localLock} (a host of its own). */
    private static Path config(String environment, String localLock) throws Exception {
        Path config = fixture.backupConfig(environment, List.of("shop"), "    prune-after-backup: false\n");
        Path file = fixture.work.resolve(environment + "-" + localLock + ".yaml");
        Files.writeString(file, Files.readString(config) + "  lock:\n    stale-after: PT30S\n    refresh-every: PT1S\n"
                + "    local-file: " + fixture.work.resolve(localLock) + "\n");
        return file;
    }

    private static List<Path> sets(String environment) throws Exception {
        try (Stream<Path> sets = Files.list(fixture.setsFolder(environment))) {
            return sets.filter(p -> Files.exists(p.resolve("manifest.json"))).toList();
        }
    }

    @Test
    void twoBackupsStartedTogetherGiveOneSetAndOneRefusalNamingTheHolder() throws Exception {
        Path hostA = config("together", "host-a.lock");
        Path hostB = config("together", "host-b.lock");
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<LifeboatFixture.Outcome> a = CompletableFuture.supplyAsync(() -> runAfter(go, hostA));
        CompletableFuture<LifeboatFixture.Outcome> b = CompletableFuture.supplyAsync(() -> runAfter(go, hostB));
        go.countDown();
        List<LifeboatFixture.Outcome> outcomes = List.of(a.get(), b.get());
        assertEquals(1, outcomes.stream().filter(o -> o.code() == 0).count(), outcomes.toString());
        LifeboatFixture.Outcome refused = outcomes.stream().filter(o -> o.code() != 0).findFirst().orElseThrow();
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("environment 'together' is busy: 'backup' on host "), refused.err());
        assertTrue(refused.err().contains("holds the lock 'together/locks/together.lock'"), refused.err());
        assertEquals(1, sets("together").size());
        assertFalse(Files.exists(fixture.setsFolder("together").resolve("locks/together.lock")), "the winner left its lock");
    }

    private static LifeboatFixture.Outcome runAfter(CountDownLatch go, Path config) {
        try {
            go.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return LifeboatFixture.run("backup", "--skip-precheck", "--config", config.toString());
    }

    @Test
    void aLockWhoseHolderWentSilentIsTakenOverAndALiveLocalOneRefuses() throws Exception {
        Path config = config("silent", "silent.lock");
        Path lock = fixture.setsFolder("silent").resolve("locks/silent.lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "{\"host\":\"gone-host\",\"pid\":1,\"command\":\"backup\",\"started\":\""
                + Instant.now().minusSeconds(3600) + "\",\"token\":\"dead\"}\n");
        var owner = lock.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(fixture.ssh.user());
        for (Path p : List.of(lock.getParent().getParent(), lock.getParent(), lock)) {
            Files.setOwner(p, owner); // as if the backup server's user had written it
        }
        LifeboatFixture.Outcome taken = LifeboatFixture.run("backup", "--skip-precheck", "--config", config.toString());
        assertEquals(0, taken.code(), taken.err());
        assertEquals(1, sets("silent").size());
        assertFalse(Files.exists(lock));

        // the same host: the local lock, held by a run of this process, refuses before the backup server is asked
        try (var held = java.nio.channels.FileChannel.open(fixture.work.resolve("silent.lock"),
                java.nio.file.StandardOpenOption.WRITE); var osLock = held.lock()) {
            LifeboatFixture.Outcome refused = LifeboatFixture.run("prune", "--config", config.toString());
            assertEquals(1, refused.code(), refused.err());
            assertTrue(refused.err().contains("holds the local lock"), refused.err());
        }
        assertEquals(0, LifeboatFixture.run("prune", "--dry-run", "--config", config.toString()).code());
    }

    @Test
    void theRestoreRoleLocksInTheSourcesReportsFolderAndALiveHolderThereRefusesIt() throws Exception {
        Path backup = config("watched", "watched-backup.lock");
        assertEquals(0, LifeboatFixture.run("backup", "--skip-precheck", "--config", backup.toString()).code());
        Path restore = fixture.restoreConfig("watched", fixture.identity());
        Path lock = fixture.setsFolder("watched").resolve("reports/locks/staging.lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "{\"host\":\"staging-2\",\"pid\":77,\"command\":\"restore\",\"started\":\""
                + Instant.now() + "\",\"token\":\"live\"}\n");
        var owner = lock.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(fixture.ssh.user());
        for (Path p : List.of(lock.getParent().getParent(), lock.getParent(), lock)) {
            Files.setOwner(p, owner);
        }
        LifeboatFixture.Outcome refused = LifeboatFixture.run("restore", "--config", restore.toString());
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains("'restore' on host staging-2 (pid 77)")
                && refused.err().contains("'watched/reports/locks/staging.lock'"), refused.err());
        Files.delete(lock); // the holder ends
        LifeboatFixture.Outcome restored = LifeboatFixture.run("restore", "--config", restore.toString());
        assertEquals(0, restored.code(), restored.err());
        assertFalse(Files.exists(lock));
    }
}
