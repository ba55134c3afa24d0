package org.lifeboat.datastore.minio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.Mirror;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * The previous set's index of one bucket, walked forward as the bucket's listing is: {@link #find}
 * must be called with keys in ascending order. Missing or unreadable (no previous set, the bucket
 * is new, the state key changed, the index is damaged): then nothing is found, every object is read
 * again, and a warning says why. Never a reason to fail a backup.
 */
final class PreviousIndex implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PreviousIndex.class);

    private final MinioEndpoint endpoint;
    private final String bucket;
    private final InputStream in;
    private MirrorIndex.Reader reader;
    private MirrorIndex.Entry pending;

    private PreviousIndex(MinioEndpoint endpoint, String bucket, InputStream in, MirrorIndex.Reader reader) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.in = in;
        this.reader = reader;
    }

    static PreviousIndex open(MinioEndpoint endpoint, String bucket, Optional<Mirror.Previous> previous) {
        if (previous.isEmpty()) {
            return new PreviousIndex(endpoint, bucket, null, null);
        }
        Optional<ArtifactRecord> artifact = previous.get().record().artifacts().stream()
                .filter(a -> MirrorIndex.FORMAT.equals(a.format()) && bucket.equals(a.subject())).findFirst();
        if (artifact.isEmpty()) {
            LOG.infof("%s: bucket '%s' is not in set '%s': every object is read", endpoint.describe(), bucket, previous.get().set());
            return new PreviousIndex(endpoint, bucket, null, null);
        }
        InputStream in = null;
        try {
            in = previous.get().source().open(artifact.get());
            return new PreviousIndex(endpoint, bucket, in, new MirrorIndex.Reader(in, bucket));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("%s: bucket '%s': the index of set '%s' cannot be read, so every object is read again: %s",
                    endpoint.describe(), bucket, previous.get().set(), e.getMessage());
            closeQuietly(in);
            return new PreviousIndex(endpoint, bucket, null, null);
        }
    }

    /** The previous entry for {@code key}, or null. */
    MirrorIndex.Entry find(String key) {
        try {
            while (reader != null && (pending == null || MirrorIndex.compareKeys(pending.key(), key) < 0)) {
                if (!reader.hasNext()) {
                    return null;
                }
                pending = reader.next();
            }
        } catch (UncheckedIOException | IllegalArgumentException e) {
            LOG.warnf("%s: bucket '%s': the previous index broke off, the rest of the bucket is read again: %s",
                    endpoint.describe(), bucket, e.getMessage());
            reader = null;
            pending = null;
        }
        return pending != null && pending.key().equals(key) ? pending : null;
    }

    /**
     * Reads the rest of the previous index, so that its digests are checked: entries reused from a
     * damaged or substituted index must not make a set. Throws naming the set.
     */
    void checkRest() throws IOException {
        if (reader == null) {
            return;
        }
        try {
            reader.finish();
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            throw new IOException("bucket '" + bucket + "': the previous set's index failed its check"
                    + " after objects were matched against it, so this set is not made: " + e.getMessage()
                    + " (run `lifeboat verify --deep` on that set; remove it if it is damaged)", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // only a reader: nothing depends on closing it cleanly
            }
        }
    }
}
