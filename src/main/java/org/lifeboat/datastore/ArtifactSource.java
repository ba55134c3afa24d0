package org.lifeboat.datastore;

import java.io.IOException;
import java.io.InputStream;
import org.lifeboat.manifest.ArtifactRecord;

/** Where a restore reads artifacts from; supplied by the restore run. */
public interface ArtifactSource {

    /**
     * Opens the plaintext of {@code artifact}. The stream checks the stored and plaintext digests
     * and sizes against the record as it is read: reaching the end of a damaged or substituted
     * artifact throws an {@link IOException} instead of returning -1. The caller owns the stream
     * and must read it to the end for the check to happen.
     */
    InputStream open(ArtifactRecord artifact) throws IOException;

    /**
     * Opens the plaintext of a body in this datastore's mirror beside the set, checked against
     * {@code body} as {@link #open} checks an artifact. The caller owns the stream.
     */
    InputStream openBody(BodyRecord body) throws IOException;
}
