package org.lifeboat.store;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file being written under a temporary name. {@link #commit()} publishes it under its final name;
 * {@link #close()} without a commit discards it. Closing after a commit does nothing more.
 */
public abstract class AtomicWrite extends OutputStream {

    /**
     * Flushes, closes the temporary file and renames it to its final name. After a failed commit
     * the temporary file is removed and nothing is visible under the final name.
     */
    public abstract void commit() throws IOException;
}
