package org.lifeboat.repository;

import java.io.IOException;
import java.io.OutputStream;
import org.lifeboat.pipeline.ArtifactDigests;
import org.lifeboat.pipeline.ArtifactEncoder;
import org.lifeboat.pipeline.EncodingStream;
import org.lifeboat.store.AtomicWrite;
import org.lifeboat.store.BackupStore;

/**
 * Plaintext on its way to one file on a store: compressed and encrypted by the pipeline into an
 * atomic write. {@link #finish()} stores it; {@link #close()} before that discards it and leaves
 * nothing behind. Both artifacts of a set and bodies of a mirror are written this way.
 */
final class EncodedUpload extends OutputStream {

    private final BackupStore store;
    private final String path;
    private final AtomicWrite write;
    private final EncodingStream encoding;
    private boolean done;

    private EncodedUpload(BackupStore store, String path, AtomicWrite write, EncodingStream encoding) {
        this.store = store;
        this.path = path;
        this.write = write;
        this.encoding = encoding;
    }

    /** Starts the file {@code path}; the caller owns the result and must finish or close it. */
    static EncodedUpload open(BackupStore store, ArtifactEncoder encoder, String path) throws IOException {
        AtomicWrite write = store.write(path);
        try {
            return new EncodedUpload(store, path, write, encoder.open(write));
        } catch (IOException | RuntimeException e) {
            write.close();
            throw e;
        }
    }

    /** The store path being written. */
    String path() {
        return path;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        encoding.write(bytes, offset, length);
    }

    /** Completes the file under its name and returns the digests of both sides. */
    ArtifactDigests finish() throws IOException {
        try {
            encoding.close();
            write.commit();
        } catch (IOException e) {
            throw new IOException("unable to store '" + path + "' on " + store.describe() + ": " + e.getMessage(), e);
        }
        done = true;
        return encoding.digests();
    }

    /** Discards what was written unless {@link #finish()} stored it. */
    @Override
    public void close() throws IOException {
        if (!done) {
            encoding.abort();
            write.close();
        }
    }
}
