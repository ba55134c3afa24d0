package org.lifeboat.run.lock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.BackupStore;
import org.lifeboat.store.StoreEntry;
import org.lifeboat.store.StorePaths;

/**
 * The lock of an environment on the backup server, in {@code FOLDER/NAME.lock}.
 *
 * <ul>
 *   <li>Taking it is one atomic create ({@link BackupStore#write} never overwrites): of two runs
 *       started in the same second exactly one gets it.
 *   <li>The holder refreshes it by writing {@code NAME.lock.TOKEN.alive-MILLIS} and removing the
 *       previous one (a store never rewrites a file in place).
 *   <li>A lock whose newest refresh is older than the stale limit belongs to a run that is gone;
 *       it is taken over by renaming it to {@code NAME.lock.taken-TOKEN}: that name is derived from
 *       the stale holder, so of two runs taking over the same stale lock only one rename succeeds,
 *       and neither can move a fresh lock the other just took.
 * </ul>
 */
final class StoreRunLock {

    private static final Logger LOG = Logger.getLogger(StoreRunLock.class);
    private static final String ALIVE = ".alive-";
    private static final int ATTEMPTS = 5;

    private final BackupStore store;
    private final String folder;
    private final String name;
    private final LockHolder holder;
    private final Clock clock;
    private String alive;

    private StoreRunLock(BackupStore store, String folder, String name, LockHolder holder, Clock clock) {
        this.store = store;
        this.folder = folder;
        this.name = name;
        this.holder = holder;
        this.clock = clock;
    }

    /** The lock file's path. */
    String path() {
        return StorePaths.join(folder, name + ".lock");
    }

    /**
     * Takes the lock of {@code name} in {@code folder} for {@code holder}; refuses with
     * {@link RunLockedException} naming the holder of a live one; takes over a stale one with a warning.
     */
    static StoreRunLock acquire(BackupStore store, String folder, String name, LockHolder holder, Duration staleAfter, Clock clock)
            throws IOException {
        StoreRunLock lock = new StoreRunLock(store, folder, name, holder, clock);
        store.makeFolders(folder);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (lock.create()) {
                return lock;
            }
            Optional<LockHolder> current = lock.readHolder();
            if (current.isEmpty()) {
                continue; // released between our create and our read: try again
            }
            Instant refreshed = lock.lastRefresh(current.get());
            Duration silent = Duration.between(refreshed, clock.instant());
            if (silent.compareTo(staleAfter) <= 0) {
                throw new RunLockedException("environment '" + name + "' is busy: " + current.get().describe()
                        + " holds the lock '" + lock.path() + "' on " + store.describe() + " (refreshed " + refreshed
                        + "); this run was refused, nothing was done");
            }
            LOG.warnf("taking over the lock '%s' on %s: its holder %s has not refreshed it since %s (%s s, more than"
                    + " lifeboat.lock.stale-after %s)", lock.path(), store.describe(), current.get().describe(), refreshed,
                    silent.toSeconds(), staleAfter);
            lock.takeOver(current.get());
        }
        throw new RunLockedException("environment '" + name + "': the lock '" + lock.path() + "' on " + store.describe()
                + " changed hands " + ATTEMPTS + " times while this run tried to take it; refused, nothing was done");
    }

    private boolean create() throws IOException {
        try (AtomicWrite out = store.write(path())) {
            out.write(holder.toJson());
            out.commit();
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private Optional<LockHolder> readHolder() throws IOException {
        return readHolder(path());
    }

    private Optional<LockHolder> readHolder(String path) throws IOException {
        try (InputStream in = store.read(path)) {
            return Optional.of(LockHolder.fromJson(in.readAllBytes(), path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The newest sign of life of {@code of}: its newest refresh file, else when it started. */
    private Instant lastRefresh(LockHolder of) throws IOException {
        Instant newest = of.started();
        String prefix = name + ".lock." + of.token() + ALIVE;
        for (StoreEntry entry : store.list(folder)) {
            if (entry.name().startsWith(prefix)) {
                try {
                    Instant at = Instant.ofEpochMilli(Long.parseLong(entry.name().substring(prefix.length())));
                    newest = at.isAfter(newest) ? at : newest;
                } catch (NumberFormatException e) {
                    // not a refresh file of ours (a stray name): it says nothing about the holder's life
                }
            }
        }
        return newest;
    }

    private void takeOver(LockHolder stale) throws IOException {
        String taken = StorePaths.join(folder, name + ".lock.taken-" + stale.token());
        try {
            store.rename(path(), taken);
        } catch (FileAlreadyExistsException | NoSuchFileException e) {
            return; // another run took it over first, or it was released: the next attempt sees which
        }
        Optional<LockHolder> moved = readHolder(taken);
        if (moved.isPresent() && !moved.get().token().equals(stale.token())) {
            // a fresh lock replaced the stale one between our read and our rename: give it back
            store.rename(taken, path());
            return;
        }
        removeTraces(stale.token());
        discard(taken);
    }

    private void removeTraces(String token) throws IOException {
        String prefix = name + ".lock." + token + ALIVE;
        for (StoreEntry entry : store.list(folder)) {
            if (entry.name().startsWith(prefix)) {
                discard(StorePaths.join(folder, entry.name()));
            }
        }
    }

    /** Writes a new sign of life and removes the previous one; fails if the lock is no longer ours. */
    void refresh() throws IOException {
        Optional<LockHolder> current = readHolder();
        if (current.isEmpty() || !current.get().token().equals(holder.token())) {
            throw new IOException("the lock '" + path() + "' on " + store.describe() + " is no longer this run's: "
                    + current.map(LockHolder::describe).orElse("nobody") + " holds it");
        }
        String next = StorePaths.join(folder, name + ".lock." + holder.token() + ALIVE + clock.millis());
        try (AtomicWrite out = store.write(next)) {
            out.commit();
        } catch (FileAlreadyExistsException e) {
            return; // refreshed in this very millisecond already
        }
        if (alive != null) {
            discard(alive);
        }
        alive = next;
    }

    /** Where {@link #discard} moves a file when the account may not remove files. */
    static final String DISCARDED = "discarded";

    /**
     * Removes one of the lock's files. An append-only account (production's on a backup server set
     * up by {@code ansible/backup-server.yml}) may not remove files but may rename them without
     * replacing: the file is then moved into {@value #DISCARDED}{@code /} under a unique name,
     * where the server role's prune removes it; the lock's own name is free again either way.
     */
    private void discard(String path) throws IOException {
        try {
            store.delete(path);
        } catch (java.nio.file.AccessDeniedException e) {
            String discarded = StorePaths.join(folder, DISCARDED);
            store.makeFolders(discarded);
            store.rename(path, StorePaths.join(discarded, StorePaths.name(path) + "." + java.util.UUID.randomUUID()));
        }
    }

    /** Removes the lock if it is still ours, and our signs of life. */
    void release() throws IOException {
        removeTraces(holder.token());
        Optional<LockHolder> current = readHolder();
        if (current.isPresent() && current.get().token().equals(holder.token())) {
            discard(path());
        } else {
            LOG.warnf("the lock '%s' on %s was taken over while this run held it (%s holds it now)", path(), store.describe(),
                    current.map(LockHolder::describe).orElse("nobody"));
        }
    }
}
