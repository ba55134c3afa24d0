package org.lifeboat.datastore;

import java.io.IOException;

/**
 * A restore loaded and checked beside the live data, not yet in its place. A restore run prepares
 * every datastore first, then swaps them in one after the other keeping each replaced live copy
 * aside, runs its post-restore steps, and only when everything passed commits them all; on any
 * failure it rolls every swapped datastore back. So a restore of several datastores is all or
 * nothing.
 *
 * <p>Crash safety: the copies kept aside carry recognisable names (with the swap's stamp,
 * {@link SwapStamp}); where the datastore copies rather than renames, a marker of the swap journals
 * its steps and what the live data had (settings, policies). A Lifeboat killed in {@link #swapIn()},
 * between it and {@link #commit()}, or in {@link #rollBack()}, leaves them; {@link Datastore#prepare}
 * of the next restore first settles that swap: it never committed, so the live data kept aside is
 * put back under its name exactly as {@link #rollBack()} would, and the restored copies and
 * scratch data are dropped. A swap whose commit had begun (its journal or names say so) is
 * finished instead, as {@link #commit()} would. Each step is logged as a warning naming what was
 * put back or dropped, and the settling can itself be interrupted and run again. Only what cannot
 * be told apart by name or journal (a copy an older Lifeboat made, a name cut to fit the server's
 * limit) still stops the next restore, naming it and the two ways to resolve it by hand.
 */
public interface PreparedRestore extends AutoCloseable {

    /**
     * Replaces the live data by the checked copy, keeping the replaced live data aside (renamed,
     * or copied where the server cannot rename) until {@link #commit()} or {@link #rollBack()}.
     * The exception of a failed swap says what was and was not replaced; {@link #rollBack()} may
     * be called after it and puts back what was moved. Called once.
     */
    void swapIn() throws IOException;

    /**
     * After {@link #swapIn()}, whole or failed half-way: puts the live data kept aside back under
     * its name, exactly as it was, and discards the restored copy; nothing of the restore is left.
     * Before {@link #swapIn()} it only discards the copy. The exception says what could not be put
     * back and where it is.
     */
    void rollBack() throws IOException;

    /**
     * After every datastore was swapped in and every post-restore step passed: drops the live data
     * kept aside, or with {@code lifeboat.restore.keep-replaced} keeps it (the copies of earlier
     * restores are dropped, so only what the newest restore replaced is kept).
     */
    void commit() throws IOException;

    /**
     * Discards the copy unless it was swapped in; after {@link #swapIn()} with neither
     * {@link #commit()} nor {@link #rollBack()}, commits, or rolls back if the swap failed. Never
     * throws.
     */
    @Override
    void close();
}
