package org.lifeboat.store.sftp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread that touches a stream's SFTP channel, from opening it to disconnecting it.
 *
 * <p>JSch hands a channel's incoming packets to a {@link java.io.PipedInputStream}, which fails
 * ("Read end dead", then "Pipe closed") when the last thread that read it has ended while packets
 * are still arriving. A streamed upload leaves write acknowledgements in flight, and its writes may
 * come from a pipeline worker that ends before the commit; so every call on the channel is run
 * here, on a thread that lives until the stream is finished.
 */
final class ChannelThread implements AutoCloseable {

    /** A call on the channel. */
    interface IoCall<T> {
        T call() throws IOException;
    }

    /** A call on the channel with no result. */
    interface IoRun {
        void run() throws IOException;
    }

    private final ExecutorService executor;

    ChannelThread(String name) {
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code call} on this thread and waits for it; its exceptions are rethrown here. */
    <T> T call(IoCall<T> call) throws IOException {
        Future<T> future = executor.submit(call::call);
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the SFTP channel");
        }
    }

    void run(IoRun run) throws IOException {
        call(() -> {
            run.run();
            return null;
        });
    }

    /** Ends the thread once the calls already given have run. */
    @Override
    public void close() {
        executor.shutdown();
    }
}
