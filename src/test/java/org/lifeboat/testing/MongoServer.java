package org.lifeboat.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MongoDB wire-protocol server for one test class: the {@link MongoStandIn} (mongo-java-server,
 * memory backend) started as its own JVM process on a free loopback port, with its log in a
 * temp directory. No real {@code mongod} is available from any registry here (see SERVERS.md);
 * the stand-in's gaps are listed in the MongoDB datastore's tests.
 *
 * <p>If the stand-in cannot start (its classes missing from the test classpath, the port lost),
 * {@link #start()} throws: a test that needs it fails rather than skips. {@link #close()} stops it
 * by its PID; a JVM shutdown hook does too, and the stand-in also exits when its stdin closes.
 */
public final class MongoServer implements AutoCloseable {

    private static final String HINT = "; run scripts/install-deps as root, then mvn -B test (the stand-in is "
            + "de.bwaldvogel:mongo-java-server, a test dependency)";
    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Path dir;
    private final int port;
    private final Thread shutdownHook;

    private MongoServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.shutdownHook = new Thread(this::stop, "stop mongo stand-in " + port);
    }

    /** Starts a new, empty server; the caller owns it and must {@link #close()} it. */
    public static MongoServer start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("lifeboat-mongo-");
        } catch (IOException e) {
            throw new UncheckedIOException("unable to create a directory for the mongo stand-in", e);
        }
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the free port can be taken before the bind
            int port = LocalServers.freePort();
            Path log = dir.resolve("mongo-" + port + ".log");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            // the in-memory stand-in holds every document as Java objects: a large bench gives it more heap
            String heap = "-Xmx" + System.getProperty("lifeboat.mongo-standin.heap", "2g");
            ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), heap, "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), MongoStandIn.class.getName(), Integer.toString(port)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()); // nothing unread can fill a pipe
            try {
                Process process = builder.start();
                if (awaitReady(process, log, port)) {
                    MongoServer server = new MongoServer(process, dir, port);
                    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
                    return server;
                }
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                failure = new IllegalStateException("mongo stand-in on 127.0.0.1:" + port + " did not start: "
                        + tail(log) + HINT);
            } catch (IOException e) {
                throw new UncheckedIOException("unable to start the mongo stand-in with " + java + HINT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the mongo stand-in", e);
            }
        }
        throw failure;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code mongodb://127.0.0.1:PORT/?serverSelectionTimeoutMS=5000}: no credentials (the stand-in has no auth). */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=5000";
    }

    /** A new client; the caller owns it and must close it. */
    public MongoClient client() {
        return MongoClients.create(connectionString());
    }

    /** Drops every database but admin, local and config. */
    public void dropAll() {
        try (MongoClient client = client()) {
            for (String db : client.listDatabaseNames()) {
                if (!List.of("admin", "local", "config").contains(db)) {
                    client.getDatabase(db).drop();
                }
            }
        }
    }

    /** Stops the process (by its PID) and deletes its directory. Repeatable. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs stop(), which is repeatable.
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("unable to delete '" + dir + "'", e);
        }
    }

    private void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the {@code READY} line in the stand-in's log. */
    private static boolean awaitReady(Process process, Path log, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log, StandardCharsets.UTF_8).contains("READY " + port)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
