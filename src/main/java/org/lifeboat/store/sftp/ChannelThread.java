package org.lifeboat.store.sftp;

import com.jcraft.jsch.SftpException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread that touches an SFTP channel, from opening it to disconnecting it, and the
 * deadline of every call made on it.
 *
 * <p>JSch hands a channel's incoming packets to a {@link java.io.PipedInputStream}, which fails
 * ("Read end dead", then "Pipe closed") when the last thread that read it has ended while packets
 * are still arriving. A streamed upload leaves write acknowledgements in flight, and its writes may
 * come from a pipeline worker that ends before the commit; so every call on the channel is run
 * here, on a thread that lives as long as the channel (which may serve many streams, one after
 * another: {@link SftpChannel}).
 *
 * <p>JSch itself waits forever for a reply from a server that is connected but silent (its
 * sftp-server stopped, its disk hung). The caller waits here instead, for at most the stall limit
 * per call; each call moves a bounded amount (one buffer, one request, the acknowledgements in
 * flight), so the limit bounds silence, never a long transfer that keeps moving. Past it the
 * {@link Stall#teardown} closes the connection, which ends the blocked call on this thread.
 */
final class ChannelThread implements AutoCloseable {

    /** How long the thread may take to end its call once the connection is torn down. */
    private static final long ENDING_MILLIS = 5_000;

    /**
     * What a stalled call does.
     *
     * @param limit the stall limit of one call, in milliseconds
     * @param describe "no reply from the backup server host:port for 3 s (lifeboat.timeouts.store)"
     * @param teardown closes the connection the call is stuck on
     */
    record Stall(long limit, String describe, Runnable teardown) {
    }

    /** A call on the channel. */
    interface IoCall<T> {
        T call() throws IOException;
    }

    /** A call on the channel with no result. */
    interface IoRun {
        void run() throws IOException;
    }

    /** A call on the channel that lets an SFTP status through, for the caller to judge (missing, exists). */
    interface SftpCall<T> {
        T call() throws IOException, SftpException;
    }

    private final ExecutorService executor;
    private final Stall stall;

    ChannelThread(String name, Stall stall) {
        this.stall = stall;
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code call} on this thread and waits for it, within the stall limit; its exceptions are rethrown here. */
    <T> T call(IoCall<T> call) throws IOException {
        try {
            return callSftp(call::call);
        } catch (SftpException e) {
            throw new IOException(e); // not reached: an IoCall throws no SftpException
        }
    }

    void run(IoRun run) throws IOException {
        call(() -> {
            run.run();
            return null;
        });
    }

    /** As {@link #call}, rethrowing the call's {@link SftpException} as it is. */
    <T> T callSftp(SftpCall<T> call) throws IOException, SftpException {
        Future<T> future;
        try {
            future = executor.submit(call::call);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IOException("the SFTP channel is already closed", e);
        }
        try {
            return future.get(stall.limit(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof SftpException sftp) {
                throw sftp;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        } catch (TimeoutException e) {
            throw stalled(future);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the SFTP channel");
        }
    }

    /** Tears the connection down, waits for the call to end on it, and says what happened. */
    private StalledException stalled(Future<?> future) {
        stall.teardown().run();
        try {
            future.get(ENDING_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the call failed on the closed connection (expected), or is still ending: the thread is
            // a daemon and is interrupted next; either way the caller's answer is the stall
            future.cancel(true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
        }
        executor.shutdown(); // the channel is gone: nothing more may be run on it
        return new StalledException(stall.describe() + "; the connection was closed");
    }

    /** Whether calls may still be given: not closed, not stalled. */
    boolean accepting() {
        return !executor.isShutdown();
    }

    /** Gives {@code task} to the thread without waiting for it; nothing happens if the thread is closed. */
    void submit(Runnable task) {
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed already (after a stall): the connection under it is closed too
        }
    }

    /** Ends the thread once the calls already given have run. */
    @Override
    public void close() {
        executor.shutdown();
    }

    /** An SFTP call that got no answer within the stall limit; its message names the server and the limit. */
    static final class StalledException extends IOException {
        StalledException(String message) {
            super(message);
        }
    }
}
