package org.lifeboat.datastore;

import java.io.IOException;
import java.util.Optional;

/** Where a datastore's backup writes its artifacts; supplied by the backup run. */
public interface ArtifactSink {

    /**
     * Starts the artifact {@code fileName} (a file name such as {@code app.dump}, or a relative
     * path such as {@code app/users.bson} whose folders the store creates; the sink adds the
     * datastore folder and the encoding suffix).
     *
     * @param subject what it holds, for example the database name
     * @param format the plaintext format, for example {@code pg_dump-custom}
     * @return a stream of plaintext the caller owns: {@link ArtifactOutput#finish()} stores it,
     *     {@link ArtifactOutput#close()} without finish discards it
     */
    ArtifactOutput create(String fileName, String subject, String format) throws IOException;

    /**
     * The datastore's mirror of shared bodies, for incremental modes; empty when the backup role
     * has no state identity ({@code lifeboat.backup.state-identity-file}) to keep one with.
     */
    default Optional<Mirror> mirror() {
        return Optional.empty();
    }
}
