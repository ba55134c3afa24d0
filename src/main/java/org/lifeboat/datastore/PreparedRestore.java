package org.lifeboat.datastore;

import java.io.IOException;

/**
 * A restore loaded and checked beside the live data, not yet in its place. A restore run prepares
 * every datastore first and swaps them in only when all are ready, so a failure anywhere before
 * the swaps leaves every live datastore as it was.
 */
public interface PreparedRestore extends AutoCloseable {

    /**
     * Replaces the live data by the checked copy. The exception of a failed swap says what was
     * and was not replaced.
     */
    void swapIn() throws IOException;

    /** Discards the copy unless it was swapped in; never throws. */
    @Override
    void close();
}
