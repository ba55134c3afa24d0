package org.lifeboat.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A started external tool. Its stdout is read by the caller ({@link #stdout()}) or discarded; its
 * stderr is drained on a thread and its last {@value #STDERR_KEPT} bytes kept for the error
 * message. Secrets go through {@link ToolCommand#environment}, never the argument list.
 *
 * <p>Every tool has a time limit ({@link ToolTimeout#current()} when it starts): one still running
 * then is killed with every process it started (a tool that hangs on a lock, or an ssh that waits
 * for a host that went away), and waiting for it fails naming the tool and the limit.
 */
public final class ExternalProcess implements AutoCloseable {

    /** How much of stderr is kept for error messages. */
    public static final int STDERR_KEPT = 16 * 1024;

    private final String description;
    private final Process process;
    private final Thread stderrDrain;
    private final TailBuffer stderr = new TailBuffer(STDERR_KEPT);
    private final ToolTimeout timeout;
    private final ScheduledFuture<?> deadline;
    private volatile boolean timedOut;

    /** One daemon thread for every tool's deadline: it only kills, which is quick. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "tool deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private ExternalProcess(String description, Process process, ToolTimeout timeout) {
        this.description = description;
        this.process = process;
        this.timeout = timeout;
        this.stderrDrain = new Thread(this::drainStderr, "stderr " + description);
        this.stderrDrain.setDaemon(true);
        this.stderrDrain.start();
        this.deadline = DEADLINES.schedule(this::killAtDeadline, timeout.limit().toMillis(), TimeUnit.MILLISECONDS);
        process.onExit().thenRun(() -> deadline.cancel(false));
    }

    /** Starts {@code command}. */
    public static ExternalProcess start(ToolCommand command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        builder.environment().putAll(command.environment());
        if (command.discardStdout()) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            return new ExternalProcess(command.description(), builder.start(), ToolTimeout.current());
        } catch (IOException e) {
            throw new IOException("unable to start " + command.description() + " ('" + command.argv().get(0) + "'): "
                    + e.getMessage(), e);
        }
    }

    /** The tool's stdout; the caller reads it to the end. Closed by {@link #close()}. */
    public InputStream stdout() {
        return process.getInputStream();
    }

    /** The tool's stdin; the caller writes and closes it. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /**
     * Waits for the tool to exit and throws, with the end of its stderr, if the exit code is not
     * 0.
     */
    public void awaitSuccess() throws IOException {
        int code = await();
        if (code != 0) {
            throw new IOException(description + " failed with exit code " + code + stderrSuffix());
        }
    }

    /**
     * Waits for the tool to exit and returns its exit code.
     *
     * @throws IOException naming the tool and its limit if it was killed at its deadline
     */
    public int await() throws IOException {
        try {
            int code = process.waitFor();
            stderrDrain.join(TimeUnit.SECONDS.toMillis(10));
            if (timedOut) {
                throw new IOException(description + " was killed: it ran longer than its timeout of " + timeout.describe()
                        + stderrSuffix());
            }
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree();
            throw new IOException("interrupted while waiting for " + description, e);
        }
    }

    /** What the tool wrote to stderr so far, as {@code ": <text>"}, or empty. */
    public String stderrSuffix() {
        String text = stderr.text().strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    /** True once the tool was killed at its deadline. */
    public boolean timedOut() {
        return timedOut;
    }

    /** Kills the tool if it still runs, with what it started; closes its streams. */
    @Override
    public void close() {
        deadline.cancel(false);
        if (process.isAlive()) {
            killTree();
        }
        try {
            process.getInputStream().close();
            process.getOutputStream().close();
        } catch (IOException e) {
            // closing pipes of a finished or killed process: nothing left to report
        }
    }

    /** Runs {@code command} to completion and returns its stdout as text (for version queries). */
    public static String run(ToolCommand command) throws IOException {
        try (ExternalProcess process = start(command)) {
            String out = new String(process.stdout().readAllBytes(), StandardCharsets.UTF_8);
            process.awaitSuccess();
            return out;
        }
    }

    private void killAtDeadline() {
        if (process.isAlive()) {
            timedOut = true;
            killTree();
        }
    }

    /**
     * Kills the tool and every process below it, children first noted: once the tool is dead they
     * are re-parented and no longer found as its descendants (pgBackRest's ssh and its local
     * workers, the shell of a wrapper script).
     */
    private void killTree() {
        List<ProcessHandle> below = process.descendants().toList();
        process.destroyForcibly();
        below.forEach(ProcessHandle::destroyForcibly);
    }

    private void drainStderr() {
        try (InputStream err = process.getErrorStream()) {
            err.transferTo(stderr);
        } catch (IOException e) {
            // the process ended or was killed; what was read so far is kept
        }
    }

    /** Keeps the last {@code limit} bytes written. */
    private static final class TailBuffer extends OutputStream {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        TailBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            if (bytes.size() > 2 * limit) {
                byte[] all = bytes.toByteArray();
                bytes.reset();
                bytes.write(all, all.length - limit, limit);
            }
        }

        synchronized String text() {
            byte[] all = bytes.toByteArray();
            int from = Math.max(0, all.length - limit);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        }
    }
}
