package org.lifeboat.rebuild;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A step under a time limit: it runs on its own thread; past the limit it is interrupted (a
 * command is killed, an HTTP call or poll abandoned) and the step fails saying so.
 */
final class TimedStep extends NamedStep {

    private final Duration timeout;
    private final RestoreStep step;

    TimedStep(String name, Duration timeout, RestoreStep step) {
        super(name);
        this.timeout = timeout;
        this.step = step;
    }

    @Override
    public StepResult run() throws IOException {
        long start = System.nanoTime();
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "post-restore " + name());
            t.setDaemon(true);
            return t;
        });
        Future<StepResult> result = thread.submit(step::run);
        try {
            StepResult done = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new StepResult(name(), done.ok(), done.details(), done.duration());
        } catch (TimeoutException e) {
            result.cancel(true);
            return result(false, List.of("stopped after its timeout of " + timeout + " (post-restore timeout)"), start);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(name() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException(name() + ": interrupted", e);
        } finally {
            thread.shutdownNow();
        }
    }
}
