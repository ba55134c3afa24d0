package org.lifeboat.run.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.sftp.SftpBackupStore;
import org.lifeboat.testing.ClassServer;
import org.lifeboat.testing.SshServer;

/** The lock on the backup server, over real SFTP: refused while live, taken over when stale, one winner of a race. */
class StoreRunLockTest {

    private static final Duration STALE = Duration.ofSeconds(3);
    @RegisterExtension
    static final ClassServer<SshServer> server = new ClassServer<>(SshServer::start);
    private String root;

    @BeforeEach
    void newRoot() throws Exception {
        root = server.get().root();
    }

    private BackupStore store() throws Exception {
        return new SftpBackupStore(server.get().settings(root));
    }

    @Test
    void aLiveLockIsRefusedNamingItsHolderAndReleasedLeavesNothing() throws Exception {
        try (BackupStore a = store(); BackupStore b = store()) {
            LockHolder first = new LockHolder("app-1", 4242, "backup --datastore postgres", Instant.now(), "t1");
            Duration stale = Duration.ofMinutes(10);
            StoreRunLock held = StoreRunLock.acquire(a, "prod/locks", "prod", first, stale, Clock.systemUTC());
            RunLockedException refused = assertThrows(RunLockedException.class, () -> StoreRunLock.acquire(b, "prod/locks", "prod",
                    LockHolder.self("backup", Instant.now()), stale, Clock.systemUTC()));
            assertTrue(refused.getMessage().contains("'backup --datastore postgres' on host app-1 (pid 4242)"), refused.getMessage());
            assertTrue(refused.getMessage().contains("refused, nothing was done"), refused.getMessage());
            held.release();
            try (var left = Files.list(Path.of(root, "prod/locks"))) {
                assertEquals(List.of(), left.toList());
            }
            StoreRunLock.acquire(b, "prod/locks", "prod", LockHolder.self("backup", Instant.now()), STALE, Clock.systemUTC()).release();
        }
    }

    @Test
    void aRefreshedLockStaysLiveBeyondTheStaleLimitAndASilentOneIsTakenOver() throws Exception {
        try (BackupStore a = store(); BackupStore b = store()) {
            StoreRunLock held = StoreRunLock.acquire(a, "prod/locks", "prod", LockHolder.self("backup", Instant.now()), STALE,
                    Clock.systemUTC());
            for (int i = 0; i < 5; i++) { // 5 s, past the 3 s limit, refreshed every second
                Thread.sleep(1000);
                held.refresh();
            }
            assertThrows(RunLockedException.class, () -> StoreRunLock.acquire(b, "prod/locks", "prod",
                    LockHolder.self("prune", Instant.now()), STALE, Clock.systemUTC()));
            Thread.sleep(STALE.toMillis() + 1000); // the holder goes silent (its host died)
            StoreRunLock taken = StoreRunLock.acquire(b, "prod/locks", "prod", LockHolder.self("prune", Instant.now()), STALE,
                    Clock.systemUTC());
            String record = Files.readString(Path.of(root, "prod/locks/prod.lock"), StandardCharsets.UTF_8);
            assertTrue(record.contains("\"command\":\"prune\""), record);
            // the old holder, back from the dead, learns it lost the lock and does not remove the new one
            assertThrows(java.io.IOException.class, held::refresh);
            held.release();
            assertTrue(Files.exists(Path.of(root, "prod/locks/prod.lock")));
            taken.release();
            assertFalse(Files.exists(Path.of(root, "prod/locks/prod.lock")));
        }
    }

    @Test
    void ofEightRunsStartedInTheSameInstantExactlyOneGetsTheLock() throws Exception {
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        List<BackupStore> stores = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                stores.add(store());
                stores.get(i).list(""); // connected before the start line
            }
            CountDownLatch start = new CountDownLatch(1);
            Instant now = Instant.now();
            List<Future<StoreRunLock>> attempts = new ArrayList<>();
            for (BackupStore store : stores) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    try {
                        return StoreRunLock.acquire(store, "race/locks", "race", LockHolder.self("backup", now), STALE, Clock.systemUTC());
                    } catch (RunLockedException e) {
                        return null;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<StoreRunLock> attempt : attempts) {
                winners += attempt.get() == null ? 0 : 1;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
            for (BackupStore store : stores) {
                store.close();
            }
        }
    }
}
