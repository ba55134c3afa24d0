package org.lifeboat.datastore.minio;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Results of transfers handed on in the order the transfers were given, whatever order they end
 * in: a window of at most {@code capacity} results, started on {@link Transfers} and taken from
 * its head. The listing order of a bucket (S3's UTF-8 key order) is what its index and archive
 * keep, so bodies are read in parallel but written in turn. Used by the bucket's thread only; the
 * window, not the object count, bounds what is held.
 *
 * @param <T> what one transfer gives the writer
 */
final class OrderedTransfers<T> {

    /** Takes each result, in order, on the bucket's thread. */
    @FunctionalInterface
    interface Writer<T> {
        void write(T result) throws IOException;
    }

    private final Transfers transfers;
    private final int capacity;
    private final Writer<T> writer;
    private final Deque<Future<T>> window = new ArrayDeque<>();

    OrderedTransfers(Transfers transfers, int capacity, Writer<T> writer) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window of " + capacity + " results");
        }
        this.transfers = transfers;
        this.capacity = capacity;
        this.writer = writer;
    }

    /** Starts {@code task} on the pool; if the window is full, first writes its head (waiting for it). */
    void start(Transfers.Task<T> task) throws IOException {
        makeRoom();
        window.add(transfers.start(task));
    }

    /** Puts a result known already (no transfer needed) in its place in the order. */
    void add(T result) throws IOException {
        makeRoom();
        window.add(CompletableFuture.completedFuture(result));
    }

    /** Writes every result left, in order. */
    void finish() throws IOException {
        while (!window.isEmpty()) {
            writer.write(transfers.result(window.remove()));
        }
    }

    private void makeRoom() throws IOException {
        while (window.size() >= capacity) {
            writer.write(transfers.result(window.remove()));
        }
    }
}
