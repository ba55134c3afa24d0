package org.lifeboat.datastore;

import java.io.IOException;

/**
 * A restore loaded and checked beside the live data, not yet in its place. A restore run prepares
 * every datastore first, then swaps them in one after the other keeping each replaced live copy
 * aside, runs its post-restore steps, and only when everything passed commits them all; on any
 * failure it rolls every swapped datastore back. So a restore of several datastores is all or
 * nothing.
 */
public interface PreparedRestore extends AutoCloseable {

    /**
     * Replaces the live data by the checked copy, keeping the replaced live data aside (renamed,
     * or copied where the server cannot rename) until {@link #commit()} or {@link #rollBack()}.
     * The exception of a failed swap says what was and was not replaced; {@link #rollBack()} may
     * be called after it.
     */
    void swapIn() throws IOException;

    /**
     * After {@link #swapIn()}, whole or failed half-way: puts the live data kept aside back under
     * its name and discards the restored copy. The exception says what could not be put back.
     */
    default void rollBack() throws IOException {
        throw new IOException("this datastore keeps no copy of its live data aside, so it cannot be put back");
    }

    /** After every datastore was swapped in and every post-restore step passed: drops the live data kept aside. */
    default void commit() throws IOException {
    }

    /**
     * Discards the copy unless it was swapped in; after {@link #swapIn()} with neither
     * {@link #commit()} nor {@link #rollBack()}, commits. Never throws.
     */
    @Override
    void close();
}
