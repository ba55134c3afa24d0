package org.lifeboat.datastore.minio;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The object transfers of one bucket (GETs, PUTs, mirror bodies), at most {@code transfers} at
 * once, each on a thread of this pool. The first failure stops the others: the running ones are
 * interrupted, those not yet started end without starting, and every later call throws that
 * failure as it is (it names its bucket and object). {@link #close()} stops whatever still runs,
 * waiting at most {@value #STOP_WAIT_SECONDS} s, and then, unless {@link #awaitAll} saw every task
 * end, ends the endpoint's requests still in flight ({@link MinioEndpoint#endInFlight}): an
 * interrupted task has stopped waiting for its request, not the request. One thread (the bucket's) gives the work; the
 * tasks must not share mutable state except through what they return.
 */
final class Transfers implements AutoCloseable {

    /** Bytes of object bodies that the transfers of one bucket may hold in memory together. */
    static final long BODY_BUDGET = 32L << 20;
    /** A body this small is always worth holding. */
    private static final int SMALLEST_LIMIT = 64 << 10;
    /** The MinIO SDK's own part size: a PUT through it holds up to this much anyway. */
    private static final int LARGEST_LIMIT = 5 << 20;
    private static final long STOP_WAIT_SECONDS = 30;
    private static final long FAILURE_POLL_MILLIS = 100;
    private static final Logger LOG = Logger.getLogger(Transfers.class);

    /** One transfer. */
    @FunctionalInterface
    interface Task<T> {
        T run() throws IOException;
    }

    private final String name;
    private final MinioEndpoint endpoint;
    private final int slots;
    private final Semaphore free;
    private final ExecutorService pool;
    /** The pool's threads running a task now; guarded by itself. */
    private final Set<Thread> running = new HashSet<>();
    private volatile IOException failure;
    private volatile boolean stopped;
    /** Whether {@link #awaitAll} saw every task end without a failure. */
    private boolean allEnded;

    /** A pool of {@code transfers} threads named after {@code name} (the bucket), whose requests go to {@code endpoint}. */
    Transfers(String name, MinioEndpoint endpoint, int transfers) {
        this.name = name;
        this.endpoint = endpoint;
        this.slots = transfers;
        this.free = new Semaphore(transfers);
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(transfers, task -> {
            Thread thread = new Thread(task, "minio-transfer " + name + " " + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The most bytes of one body to hold in memory when {@code held} bodies may be held at once:
     * {@link #BODY_BUDGET} shared, but never less than 64 KiB nor more than 5 MiB. A larger body
     * is streamed by the bucket's own thread instead.
     */
    static int inMemoryLimit(int held) {
        return (int) Math.max(SMALLEST_LIMIT, Math.min(LARGEST_LIMIT, BODY_BUDGET / held));
    }

    /**
     * Starts {@code task} on the pool, however many already wait: the caller bounds them
     * ({@link OrderedTransfers}). Its result (or failure) is {@link #result}'s.
     */
    <T> Future<T> start(Task<T> task) throws IOException {
        checkFailure();
        return pool.submit(() -> runTracked(task));
    }

    /** Waits for {@code started} and returns its result; throws the first failure of any task if there was one. */
    <T> T result(Future<T> started) throws IOException {
        try {
            return started.get();
        } catch (ExecutionException e) {
            checkFailure();
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause.toString(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a transfer in bucket '" + name + "'");
        }
    }

    /**
     * Runs {@code task} on the pool once one of the {@code transfers} slots is free, waiting for
     * it; a failure is thrown by a later call ({@link #awaitAll()} at the latest).
     */
    void submit(Task<?> task) throws IOException {
        acquire(1);
        try {
            pool.execute(() -> {
                try {
                    runTracked(task);
                } catch (IOException | RuntimeException | Error e) {
                    // recorded by runTracked: the bucket's thread throws it
                } finally {
                    free.release();
                }
            });
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
    }

    /** Runs {@code task} on the caller's thread in one of the slots, so that no more than {@code transfers} run in all. */
    <T> T runHere(Task<T> task) throws IOException {
        acquire(1);
        try {
            return recorded(task);
        } finally {
            free.release();
        }
    }

    /** Waits until every task given to {@link #submit} has ended; throws the first failure. */
    void awaitAll() throws IOException {
        acquire(slots);
        free.release(slots);
        allEnded = true;
    }

    /** Stops the transfers still running (interrupting them) and ends the pool's threads. */
    @Override
    public void close() {
        synchronized (running) {
            stopped = true;
            running.forEach(Thread::interrupt);
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                // a raw socket read does not see interrupts; its read timeout ends it, and the thread is a daemon
                LOG.warnf("bucket '%s': transfers still running %d s after they were stopped; left to their timeouts", name,
                        STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop waiting: the threads are daemons and were interrupted
        }
        if (!allEnded || failure != null) {
            endpoint.endInFlight();
        }
    }

    private void acquire(int permits) throws IOException {
        try {
            while (!free.tryAcquire(permits, FAILURE_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                checkFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a transfer slot in bucket '" + name + "'");
        }
        try {
            checkFailure();
        } catch (IOException e) {
            free.release(permits);
            throw e;
        }
    }

    private void checkFailure() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    private <T> T runTracked(Task<T> task) throws IOException {
        Thread self = Thread.currentThread();
        synchronized (running) {
            checkFailure();
            if (stopped) {
                throw new InterruptedIOException("bucket '" + name + "': transfers stopped");
            }
            Thread.interrupted(); // an interrupt meant for this thread's previous task (it ended first) is not this one's
            running.add(self);
        }
        try {
            return recorded(task);
        } finally {
            synchronized (running) {
                running.remove(self);
            }
        }
    }

    /** Runs {@code task}; its failure, if it is the first, stops the others. */
    private <T> T recorded(Task<T> task) throws IOException {
        try {
            return task.run();
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        }
    }

    /** Records the first failure and interrupts the other running tasks. */
    private void fail(Throwable e) {
        synchronized (running) {
            if (failure != null || stopped) {
                return; // a later failure is most often the interrupt of the first: the first says what happened
            }
            failure = e instanceof IOException io ? io : new IOException("bucket '" + name + "': " + e, e); // a bug, said as it is
            for (Thread thread : running) {
                if (thread != Thread.currentThread()) {
                    thread.interrupt();
                }
            }
        }
    }
}
