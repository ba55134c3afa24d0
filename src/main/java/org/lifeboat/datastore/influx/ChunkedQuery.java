package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * One chunked query, read on the caller's thread. The client delivers chunks on its own HTTP
 * thread; they pass through a queue of {@value #QUEUE} chunks. When the queue is full the HTTP
 * thread waits and stops reading the socket, so the server is held back instead of memory growing.
 * If the caller fails, the query is cancelled and the HTTP thread released.
 */
final class ChunkedQuery {

    /** Receives the series of one chunk; may throw to stop the query. */
    @FunctionalInterface
    interface SeriesConsumer {
        void accept(QueryResult.Series series) throws IOException;
    }

    private static final int QUEUE = 4;
    private static final Object END = new Object();

    private final InfluxDB client;
    private final Duration timeout;

    ChunkedQuery(InfluxDB client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    void run(Query query, int chunkSize, SeriesConsumer consumer, Function<String, IOException> failure) throws IOException {
        BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(QUEUE);
        Flag abandoned = new Flag();
        try {
            client.query(query, chunkSize, (cancellable, result) -> {
                if (!offer(chunks, result, abandoned)) {
                    cancellable.cancel();
                }
            }, () -> offer(chunks, END, abandoned), error -> offer(chunks, error, abandoned));
        } catch (RuntimeException e) {
            throw failure.apply(e.getMessage());
        }
        try {
            while (true) {
                Object next = chunks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    throw failure.apply("no answer in " + timeout);
                }
                if (next == END) {
                    return;
                }
                if (next instanceof Throwable error) {
                    throw failure.apply(String.valueOf(error.getMessage()));
                }
                QueryResult result = (QueryResult) next;
                String error = InfluxResults.error(result);
                if (error != null) {
                    // the client reports the end of a chunked answer as the error "DONE"
                    if ("DONE".equals(error)) {
                        return;
                    }
                    throw failure.apply(error);
                }
                for (QueryResult.Series series : InfluxResults.series(result, () -> failure.apply("error"))) {
                    consumer.accept(series);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.apply("interrupted");
        } finally {
            abandoned.set();
            chunks.clear(); // releases an HTTP thread waiting to offer, which then sees the flag
        }
    }

    /** Hands {@code item} over, waiting while the queue is full; false once the reader has gone. */
    private static boolean offer(BlockingQueue<Object> chunks, Object item, Flag abandoned) {
        try {
            while (!abandoned.isSet()) {
                if (chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final class Flag {
        private volatile boolean set;

        void set() {
            set = true;
        }

        boolean isSet() {
            return set;
        }
    }
}
