package org.lifeboat.run.lock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.Role;
import org.lifeboat.config.RunLockConfig;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StorePaths;

/**
 * The lock a run of backup, prune or restore holds for as long as it runs: first this host's
 * ({@link LocalRunLock}), then the environment's on the backup server ({@link StoreRunLock}),
 * refreshed on a thread of its own over a connection of its own, so a long transfer never starves
 * it. The backup role locks {@code ENV/locks/ENV.lock}; the restore role, whose credential may write
 * only {@code reports/}, locks {@code SOURCE/reports/locks/ENV.lock}.
 */
public final class RunLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunLock.class);

    private final LocalRunLock local;
    private final BackupStore store;
    private final StoreRunLock remote;
    private final ScheduledExecutorService refresher;

    private RunLock(LocalRunLock local, BackupStore store, StoreRunLock remote, ScheduledExecutorService refresher) {
        this.local = local;
        this.store = store;
        this.remote = remote;
        this.refresher = refresher;
    }

    /**
     * Takes both locks for {@code command} (for example {@code backup --datastore postgres}).
     *
     * @throws RunLockedException naming the holder if another live run has either
     */
    public static RunLock acquire(Appliance appliance, String command, Clock clock) throws IOException {
        RunLockConfig config = appliance.config().lock();
        String environment = appliance.config().environment();
        LockHolder holder = LockHolder.self(command, clock.instant());
        Path localFile = config.localFile()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "lifeboat-" + environment + ".lock"));
        LocalRunLock local = LocalRunLock.acquire(localFile, holder, environment);
        BackupStore store = null;
        try {
            store = appliance.openStore();
            String folder = StorePaths.join(appliance.setsEnvironment(), appliance.role() == Role.BACKUP ? "locks" : "reports/locks");
            StoreRunLock remote = StoreRunLock.acquire(store, folder, environment, holder, config.staleAfter(), clock);
            ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "lock refresh " + environment);
                thread.setDaemon(true);
                return thread;
            });
            long every = config.refreshEvery().toMillis();
            refresher.scheduleWithFixedDelay(() -> refresh(remote), 0, every, TimeUnit.MILLISECONDS);
            return new RunLock(local, store, remote, refresher);
        } catch (IOException | RuntimeException e) {
            if (store != null) {
                store.close();
            }
            local.close();
            throw e;
        }
    }

    private static void refresh(StoreRunLock remote) {
        try {
            remote.refresh();
        } catch (IOException | RuntimeException e) {
            // the run goes on: the next refresh may get through; past the stale limit another run may take over
            LOG.warnf("unable to refresh the lock '%s': %s", remote.path(), e.getMessage());
        }
    }

    /** Stops refreshing, removes the lock on the backup server, releases this host's. */
    @Override
    public void close() throws IOException {
        // no interrupt: a refresh cut short mid-transfer would break the connection the release needs
        refresher.shutdown();
        try {
            refresher.awaitTermination(60, TimeUnit.SECONDS);
            remote.release();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // the run's own result stands; the lock goes stale and the next run takes it over with a warning
            LOG.warnf("unable to remove the lock '%s': %s", remote.path(), e.getMessage());
        } finally {
            try {
                store.close();
            } finally {
                local.close();
            }
        }
    }
}
