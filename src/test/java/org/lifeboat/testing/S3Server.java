package org.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An S3 server for one test class: S3Proxy 4.1.0 (filesystem backend), the stand-in for MinIO,
 * run by {@code scripts/servers/s3proxy} as its own JVM in a fresh directory under {@code /tmp},
 * on a free loopback port. The first start resolves S3Proxy from Maven Central into
 * {@code target/s3proxy-lib}. A missing script, Java or Maven fails the test: it never skips.
 * {@link #close()} stops the server and deletes its directory; a shutdown hook stops it too.
 */
public final class S3Server implements AutoCloseable {

    private static final String SCRIPT = "scripts/servers/s3proxy";
    private static final long SCRIPT_TIMEOUT_SECONDS = 300;

    private final Path script;
    private final Path dir;
    private final int port;
    private final Thread shutdownHook;
    private boolean running;

    private S3Server(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "stop s3proxy " + dir);
    }

    /** Starts a new server; the caller owns it and must {@link #close()} it. */
    public static S3Server start() {
        Path script = LocalServers.locateScript(SCRIPT);
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "lifeboat-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException("unable to create a server directory under '/tmp'", e);
        }
        IllegalStateException failure = null;
        // The free port can be taken between probing and binding: try another one.
        for (int attempt = 0; attempt < 3; attempt++) {
            S3Server server = new S3Server(script, dir, LocalServers.freePort());
            try {
                server.runScript("start", dir.toString(), Integer.toString(server.port));
                server.running = true;
                Runtime.getRuntime().addShutdownHook(server.shutdownHook);
                return server;
            } catch (IllegalStateException e) {
                failure = e;
                server.runScript("stop", dir.toString());
            }
        }
        LocalServers.deleteTree(dir);
        throw failure;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return firstLine(dir.resolve("access-key"));
    }

    /** The secret key, for tests only. Never log it. */
    public String secretKey() {
        return firstLine(dir.resolve("secret-key"));
    }

    /** Where the filesystem backend keeps buckets: {@code data/<bucket>/<key>}. */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Stops the server, keeping its directory. Repeatable. */
    public synchronized void stop() {
        if (running) {
            runScript("stop", dir.toString());
            running = false;
        }
    }

    /** Starts a stopped server again on the same port with the same data. */
    public synchronized void startAgain() {
        if (!running) {
            runScript("start", dir.toString(), Integer.toString(port));
            running = true;
        }
    }

    /** Stops the server and deletes its directory. Repeatable. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs stop(), which is now a no-op.
        }
        LocalServers.deleteTree(dir);
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // Called at JVM exit only: nothing left to report to.
        }
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).get(0).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("unable to read '" + file + "'", e);
        }
    }

    /** Runs the script; its messages never contain the secret, so they go into the exception. */
    private void runScript(String... args) {
        LocalServers.runScript(script, SCRIPT, SCRIPT_TIMEOUT_SECONDS, "; run scripts/install-deps as root if Java or Maven is missing", args);
    }
}
