package org.lifeboat.datastore;

import java.io.IOException;
import java.util.Optional;
import org.lifeboat.manifest.DatastoreRecord;

/**
 * Shared, encrypted bodies for an incremental datastore mode (MinIO {@code rsync}), kept outside
 * the sets in one mirror folder per datastore, and what the previous run recorded. Every body a
 * set needs is referred to through {@link #createBody()} or {@link #refer(BodyRecord)}; the
 * references are what prune keeps bodies for.
 */
public interface Mirror {

    /**
     * The format of a set's references artifact: one {@link BodyRecord#toLine()} per line, every
     * body the set needs; its subject is the mirror's folder name.
     */
    String REFERENCES_FORMAT = "mirror-references";

    /** The mirror's folder name beside the sets, for example {@code minio-mirror}. */
    String folderName();

    /** Starts a new body; see {@link BodyOutput}. */
    BodyOutput createBody() throws IOException;

    /** Records that the set being written needs {@code body}, already in the mirror. */
    void refer(BodyRecord body) throws IOException;

    /**
     * Whether the mirror holds {@code body} at its stored size, as one listing of the mirror found
     * it at the first call of the run (no body is read). A run refers to an earlier body only if
     * it is held; one that is not (lost or damaged on the backup server) must be sent again.
     */
    boolean holds(BodyRecord body) throws IOException;

    /**
     * Starts an artifact of the set that the backup role can read back on its next run (encrypted
     * to the usual recipients and to the backup role's state recipient): an index of names and
     * body records, never a body.
     */
    ArtifactOutput createIndex(String fileName, String subject, String format) throws IOException;

    /**
     * This datastore's record in the newest complete set, with a source that reads its indexes
     * (with the state identity); empty if there is none.
     */
    Optional<Previous> previous() throws IOException;

    /** The previous run's record of this datastore and how to read its index artifacts. */
    record Previous(String set, DatastoreRecord record, ArtifactSource source) {
    }
}
