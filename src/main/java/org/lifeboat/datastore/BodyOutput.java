package org.lifeboat.datastore;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The plaintext side of one mirror body being written. {@link #finish()} stores it (once: an equal
 * body already in the mirror is kept and the new copy dropped) and returns its record;
 * {@link #close()} without a finish discards what was written.
 */
public abstract class BodyOutput extends OutputStream {

    /** Completes the body and returns its record; the set being written now refers to it. */
    public abstract BodyRecord finish() throws IOException;

    /** Stored bytes sent for this body (0 before {@link #finish()}), for the run's figures. */
    public abstract long sentBytes();
}
