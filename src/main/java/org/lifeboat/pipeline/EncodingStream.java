package org.lifeboat.pipeline;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Plaintext in, a zstd-compressed age file out to the {@code stored} stream given to
 * {@link ArtifactEncoder#open}. Compression (and the plaintext digest) run on the writing thread;
 * encryption, the stored digest and writing to {@code stored} run on a worker thread.
 *
 * <p>Ownership: the caller owns this stream and must end it with exactly one of {@link #close()}
 * (success) or {@link #abort()} (discard). Neither closes {@code stored}, which the caller commits
 * or discards afterwards. A worker failure (for example {@code stored} throwing) surfaces as an
 * {@link IOException} from the next {@code write} or from {@code close}; after any failure the
 * stream is dead and the caller should {@code abort()} and discard {@code stored}.
 */
public final class EncodingStream extends OutputStream {

    private static final long ABORT_WAIT_MILLIS = 5_000;

    private final Sha256Counter plainDigest = new Sha256Counter();
    private final ChunkPipe pipe;
    private final EncryptStage stage;
    private final Thread worker;
    private final ZstdOutputStreamNoFinalizer zstd;
    private ArtifactDigests digests;
    private boolean ended;

    EncodingStream(ChunkPipe pipe, EncryptStage stage, Thread worker, ZstdOutputStreamNoFinalizer zstd) {
        this.pipe = pipe;
        this.stage = stage;
        this.worker = worker;
        this.zstd = zstd;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (ended) {
            throw new IOException("encoding stream already closed or aborted");
        }
        plainDigest.update(bytes, offset, length);
        zstd.write(bytes, offset, length);
    }

    /** Does nothing: compressed data moves on when a chunk is full, and all of it at close. */
    @Override
    public void flush() {
    }

    /**
     * Ends the zstd frame and the age file, waits for the worker to write everything to
     * {@code stored} and flush it. Does not close {@code stored}. Repeating it after success does
     * nothing.
     *
     * @throws IOException if compression, encryption or writing failed (the worker's failure is
     *     the cause; the stream is then aborted), or if the stream was aborted or failed before
     */
    @Override
    public void close() throws IOException {
        if (digests != null) {
            return;
        }
        if (ended) {
            throw new IOException("encoding was aborted or failed: the artifact is unfinished");
        }
        try {
            zstd.close(); // ends the frame, then closes the pipe: the worker sees END
            worker.join();
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        } catch (InterruptedException e) {
            abort();
            Thread.currentThread().interrupt();
            throw (IOException) new InterruptedIOException("interrupted while waiting for the encrypt stage")
                    .initCause(e);
        }
        ended = true;
        pipe.checkConsumer(); // rethrows a failure the worker had after the last chunk
        if (!stage.succeeded()) {
            throw new IOException("encrypt stage ended without finishing the artifact");
        }
        digests = new ArtifactDigests(plainDigest.count(), plainDigest.hex(),
                stage.storedDigest().count(), stage.storedDigest().hex());
    }

    /**
     * Stops the worker and discards what is in flight; what reached {@code stored} is an
     * unfinished age file that the caller must discard. Never blocks for long: it waits a few
     * seconds at most for the worker (which may be stuck inside {@code stored.write}). Safe to call
     * at any time, also after close or repeatedly.
     */
    public void abort() {
        if (digests != null) {
            return; // closed successfully: nothing to abort
        }
        ended = true;
        pipe.abort();
        worker.interrupt();
        try {
            zstd.close(); // frees native memory; the aborted pipe swallows the output
        } catch (IOException | RuntimeException e) {
            // ignored: the data is discarded and the aborted pipe may refuse the frame end
        }
        try {
            worker.join(ABORT_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // give up waiting; the worker is a daemon
        }
    }

    /**
     * Counts and SHA-256 of the plaintext written and of the bytes written to {@code stored}.
     *
     * @throws IllegalStateException unless {@link #close()} returned normally
     */
    public ArtifactDigests digests() {
        if (digests == null) {
            throw new IllegalStateException("digests are known only after a successful close()");
        }
        return digests;
    }
}
