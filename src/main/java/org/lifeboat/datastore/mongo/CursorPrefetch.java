package org.lifeboat.datastore.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.RawBsonDocument;

/**
 * Reads one collection's documents (raw BSON, in cursor order) on a thread of its own, a few
 * chunks ahead of the writer, so that the server prepares the next batch while the previous one is
 * compressed and encrypted; the driver's cursor alone would wait for each batch in turn. At most
 * {@value #CHUNKS_AHEAD} chunks of about {@value #CHUNK_BYTES} bytes wait (a document larger than
 * a chunk gets one of its own, up to MongoDB's 16 MiB), so memory does not grow with the
 * collection. The cursor is used by the reading thread only; the creator must {@link #close()}
 * this, which stops the reading and closes the cursor.
 */
final class CursorPrefetch implements AutoCloseable {

    static final int CHUNK_BYTES = 1024 * 1024;
    static final int CHUNKS_AHEAD = 4;
    private static final long STOP_WAIT_SECONDS = 10;

    /** Documents one after another: {@code bytes[0, length)} holds {@code documents} of them. */
    record Chunk(byte[] bytes, int length, int documents) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0, 0);

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Thread reader;
    private volatile RuntimeException failure;
    private volatile boolean closed;
    private boolean ended;

    /** Starts reading {@code collection} with batches of {@code batchSize}; {@code name} names the thread. */
    CursorPrefetch(MongoCollection<RawBsonDocument> collection, int batchSize, String name) {
        reader = new Thread(() -> read(collection, batchSize), "mongo-cursor " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The next chunk, or {@code null} after the last document.
     *
     * @throws RuntimeException what the driver threw while reading (a {@code MongoException})
     */
    Chunk next() throws IOException {
        if (ended) {
            return null;
        }
        Chunk chunk;
        try {
            chunk = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the cursor");
        }
        if (chunk == END) {
            ended = true;
            if (failure != null) {
                throw failure;
            }
            return null;
        }
        return chunk;
    }

    /** True while the reading thread runs. For tests. */
    boolean reading() {
        return reader.isAlive();
    }

    /** Stops the reading thread (which closes the cursor) and waits a little for it; repeatable. */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // give up waiting: the thread is a daemon and ends with its cursor
        }
    }

    private void read(MongoCollection<RawBsonDocument> collection, int batchSize) {
        try (MongoCursor<RawBsonDocument> cursor = collection.find().batchSize(batchSize).iterator()) {
            byte[] chunk = new byte[CHUNK_BYTES];
            int fill = 0;
            int documents = 0;
            while (!closed && cursor.hasNext()) {
                ByteBuffer bytes = cursor.next().getByteBuffer().asNIO();
                int length = bytes.remaining();
                if (fill > 0 && fill + length > chunk.length) {
                    queue.put(new Chunk(chunk, fill, documents));
                    chunk = new byte[Math.max(CHUNK_BYTES, length)];
                    fill = 0;
                    documents = 0;
                } else if (length > chunk.length) {
                    chunk = new byte[length];
                }
                bytes.get(chunk, fill, length);
                fill += length;
                documents++;
            }
            if (fill > 0) {
                queue.put(new Chunk(chunk, fill, documents));
            }
        } catch (InterruptedException e) {
            return; // closed by the writer: nobody waits for the end
        } catch (RuntimeException | Error e) { // an Error too: the writer must not wait for an end that never comes
            if (!closed) { // after close, an interrupted driver call is expected
                failure = e instanceof RuntimeException r ? r : new IllegalStateException("reading the cursor failed: " + e, e);
            }
        }
        if (!closed) {
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                // closed while handing over the end: nobody waits for it
            }
        }
    }
}
