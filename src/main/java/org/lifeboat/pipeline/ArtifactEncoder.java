package org.lifeboat.pipeline;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.lifeboat.keys.AgeRecipients;

/**
 * Turns plaintext into a stored artifact: a standard zstd frame (readable by {@code zstd -d})
 * inside a standard binary age file encrypted to every recipient (readable by {@code age -d}),
 * with counts and SHA-256 of both sides. Reusable and thread-safe: each {@link #open} is
 * independent.
 */
public final class ArtifactEncoder {

    /** Compressed bytes per hand-off chunk; a multiple of age's 64 KiB payload chunk. */
    static final int CHUNK_SIZE = 256 * 1024;
    /** Chunks in flight between the threads: at most 1 MiB of hand-off buffers per stream. */
    static final int CHUNKS_IN_FLIGHT = 4;
    private static final AtomicLong WORKERS = new AtomicLong();

    private final AgeRecipients recipients;
    private final int zstdLevel;

    /**
     * @param recipients every recipient can decrypt what this encoder writes
     * @param zstdLevel zstd compression level, 1 to 19 (3 is zstd's default)
     */
    public ArtifactEncoder(AgeRecipients recipients, int zstdLevel) {
        this.recipients = Objects.requireNonNull(recipients, "recipients");
        if (zstdLevel < 1 || zstdLevel > 19) {
            throw new IllegalArgumentException("zstd level must be 1 to 19, not " + zstdLevel);
        }
        this.zstdLevel = zstdLevel;
    }

    /**
     * Starts an artifact and its worker thread.
     *
     * @param stored where the artifact's bytes go; written only by the worker thread, flushed at
     *     the end but never closed: the caller still owns it and commits or discards it after
     *     {@link EncodingStream#close()} or {@link EncodingStream#abort()}
     * @return a stream the caller owns and must close or abort
     */
    public EncodingStream open(OutputStream stored) throws IOException {
        Objects.requireNonNull(stored, "stored");
        ChunkPipe pipe = new ChunkPipe(CHUNKS_IN_FLIGHT, CHUNK_SIZE);
        EncryptStage stage = new EncryptStage(pipe, recipients.stanzaWriters(), stored);
        Thread worker = new Thread(stage, "lifeboat-encrypt-" + WORKERS.incrementAndGet());
        worker.setDaemon(true);
        ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(pipe, zstdLevel);
        try {
            zstd.setChecksum(true); // as the zstd CLI does: zstd -d checks the content too
            zstd.setWorkers(1);
        } catch (IOException | RuntimeException e) {
            zstd.close();
            throw e;
        }
        worker.start();
        return new EncodingStream(pipe, stage, worker, zstd);
    }
}
