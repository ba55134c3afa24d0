package org.lifeboat.pipeline;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;

/**
 * The worker half of encoding: takes compressed chunks from a {@link ChunkPipe}, age-encrypts
 * them, digests the result and writes it to {@code stored}. Runs on its own thread. Flushes but
 * never closes {@code stored}; on failure or abort it stops without writing age's final chunk, so
 * what was written can never pass for a complete artifact.
 */
final class EncryptStage implements Runnable {

    private final ChunkPipe pipe;
    private final List<RecipientStanzaWriter> recipients;
    private final OutputStream stored;
    private final Sha256Counter storedDigest = new Sha256Counter();
    private volatile boolean succeeded;

    EncryptStage(ChunkPipe pipe, List<RecipientStanzaWriter> recipients, OutputStream stored) {
        this.pipe = pipe;
        this.recipients = recipients;
        this.stored = stored;
    }

    @Override
    public void run() {
        try {
            WritableByteChannel encrypting =
                    new StandardEncryptingChannelFactory().newEncryptingChannel(new StoredChannel(), recipients);
            for (ChunkPipe.Chunk chunk = pipe.next(); chunk != ChunkPipe.END; chunk = pipe.next()) {
                if (chunk == null) {
                    return; // aborted: discard, and leave the artifact without its final chunk
                }
                ByteBuffer bytes = ByteBuffer.wrap(chunk.buffer(), 0, chunk.length());
                while (bytes.hasRemaining()) {
                    encrypting.write(bytes);
                }
                pipe.release(chunk);
            }
            encrypting.close(); // writes the final age chunk; StoredChannel keeps stored open
            stored.flush();
            succeeded = true;
        } catch (Throwable e) {
            pipe.fail(e);
        }
    }

    /** True once everything was encrypted and written; read after joining the thread. */
    boolean succeeded() {
        return succeeded;
    }

    /** The stored bytes' digest; complete once {@link #succeeded()} after a join. */
    Sha256Counter storedDigest() {
        return storedDigest;
    }

    /** Digests and writes to {@code stored}; closing it does not close {@code stored}. */
    private final class StoredChannel implements WritableByteChannel {

        private boolean open = true;

        @Override
        public int write(ByteBuffer source) throws IOException {
            int length = source.remaining();
            if (source.hasArray()) {
                byte[] array = source.array();
                int offset = source.arrayOffset() + source.position();
                stored.write(array, offset, length);
                storedDigest.update(array, offset, length);
                source.position(source.limit());
            } else {
                byte[] copy = new byte[length];
                source.get(copy);
                stored.write(copy, 0, length);
                storedDigest.update(copy, 0, length);
            }
            return length;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
