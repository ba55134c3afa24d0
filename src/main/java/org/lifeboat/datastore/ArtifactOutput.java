package org.lifeboat.datastore;

import java.io.IOException;
import java.io.OutputStream;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * The plaintext side of one artifact being written. {@link #finish()} completes and stores it and
 * returns its record; {@link #close()} without a finish discards whatever was written.
 */
public abstract class ArtifactOutput extends OutputStream {

    /** Completes the artifact: flushes, stores it under its final name, returns its record. */
    public abstract ArtifactRecord finish() throws IOException;
}
