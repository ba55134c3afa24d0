package org.lifeboat.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-off of byte chunks from one producer thread (writing to this stream) to one
 * consumer thread ({@link #next()} / {@link #release}). A fixed set of buffers circulates between
 * a free queue and a full queue, so memory is {@code buffers × chunkSize} whatever the data size.
 * Neither side waits forever: each wait wakes regularly to see whether the other side failed or
 * the pipe was aborted.
 */
final class ChunkPipe extends OutputStream {

    /** A filled buffer; {@link #END} (no buffer) says the producer closed the pipe. */
    record Chunk(byte[] buffer, int length) {
    }

    static final Chunk END = new Chunk(null, -1);
    private static final long POLL_MILLIS = 50;

    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Chunk> full;
    private volatile Throwable consumerFailure;
    private volatile boolean aborted;
    private byte[] current;
    private int position;
    private boolean closed;

    ChunkPipe(int buffers, int chunkSize) {
        free = new ArrayBlockingQueue<>(buffers);
        full = new ArrayBlockingQueue<>(buffers + 1);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[chunkSize]);
        }
    }

    // ---- producer side ----

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (aborted) {
            return; // the data is being discarded anyway; this lets the compressor be closed
        }
        checkConsumer();
        while (length > 0) {
            if (current == null) {
                current = take(free);
                position = 0;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(bytes, offset, current, position, n);
            position += n;
            offset += n;
            length -= n;
            if (position == current.length) {
                handOff();
            }
        }
    }

    /** Hands the partial chunk over and tells the consumer that nothing more comes. */
    @Override
    public void close() throws IOException {
        if (closed || aborted) {
            return;
        }
        checkConsumer();
        if (current != null && position > 0) {
            handOff();
        }
        put(END);
        closed = true;
    }

    private void handOff() throws IOException {
        put(new Chunk(current, position));
        current = null;
    }

    private void put(Chunk chunk) throws IOException {
        try {
            while (!full.offer(chunk, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                checkConsumer();
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private byte[] take(BlockingQueue<byte[]> queue) throws IOException {
        try {
            byte[] buffer;
            while ((buffer = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
                checkConsumer();
            }
            return buffer;
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Throws if the pipe was aborted or the consumer failed (with its failure as the cause). */
    void checkConsumer() throws IOException {
        if (aborted) {
            throw new IOException("the encoding was aborted");
        }
        Throwable failure = consumerFailure;
        if (failure != null) {
            throw new IOException("encrypt stage failed: " + failure.getMessage(), failure);
        }
    }

    private static InterruptedIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted while handing data to the encrypt stage");
        io.initCause(e);
        return io;
    }

    // ---- consumer side ----

    /** The next chunk, or {@link #END}; {@code null} if the pipe was aborted. */
    Chunk next() throws InterruptedException {
        Chunk chunk;
        while ((chunk = full.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
            if (aborted) {
                return null;
            }
        }
        return aborted ? null : chunk;
    }

    /** Gives a consumed chunk's buffer back to the producer. */
    void release(Chunk chunk) {
        free.offer(chunk.buffer());
    }

    /** Records the consumer's failure; the producer throws it at its next write or close. */
    void fail(Throwable failure) {
        consumerFailure = failure;
    }

    // ---- either side ----

    /** Stops both sides: the producer discards further writes, the consumer gets {@code null}. */
    void abort() {
        aborted = true;
        full.clear();
    }
}
