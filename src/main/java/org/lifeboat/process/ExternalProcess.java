package org.lifeboat.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A started external tool. Its stdout is read by the caller ({@link #stdout()}) or discarded; its
 * stderr is drained on a thread and its last {@value #STDERR_KEPT} bytes kept for the error
 * message. Secrets go through {@link ToolCommand#environment}, never the argument list.
 */
public final class ExternalProcess implements AutoCloseable {

    /** How much of stderr is kept for error messages. */
    public static final int STDERR_KEPT = 16 * 1024;

    private final String description;
    private final Process process;
    private final Thread stderrDrain;
    private final TailBuffer stderr = new TailBuffer(STDERR_KEPT);

    private ExternalProcess(String description, Process process) {
        this.description = description;
        this.process = process;
        this.stderrDrain = new Thread(this::drainStderr, "stderr " + description);
        this.stderrDrain.setDaemon(true);
        this.stderrDrain.start();
    }

    /** Starts {@code command}. */
    public static ExternalProcess start(ToolCommand command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        builder.environment().putAll(command.environment());
        if (command.discardStdout()) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            return new ExternalProcess(command.description(), builder.start());
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

    /** Waits for the tool to exit and returns its exit code. */
    public int await() throws IOException {
        try {
            int code = process.waitFor();
            stderrDrain.join(TimeUnit.SECONDS.toMillis(10));
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while waiting for " + description, e);
        }
    }

    /** What the tool wrote to stderr so far, as {@code ": <text>"}, or empty. */
    public String stderrSuffix() {
        String text = stderr.text().strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    /** Kills the tool if it still runs; closes its streams. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
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
