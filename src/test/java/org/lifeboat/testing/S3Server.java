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
    private static final String HINT = "; run scripts/install-deps as root if Java or Maven is missing";

    private final ScriptedServer server;

    private S3Server(ScriptedServer server) {
        this.server = server;
    }

    /** Starts a new server; the caller owns it and must {@link #close()} it. */
    public static S3Server start() {
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "lifeboat-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException("unable to create a server directory under '/tmp'", e);
        }
        return new S3Server(ScriptedServer.start(SCRIPT, SCRIPT_TIMEOUT_SECONDS, HINT, dir));
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    public int port() {
        return server.port();
    }

    public String accessKey() {
        return firstLine(server.dir().resolve("access-key"));
    }

    /** The secret key, for tests only. Never log it. */
    public String secretKey() {
        return firstLine(server.dir().resolve("secret-key"));
    }

    /** Where the filesystem backend keeps buckets: {@code data/<bucket>/<key>}. */
    public Path dataDir() {
        return server.dir().resolve("data");
    }

    /** Stops the server, keeping its folder. Repeatable. */
    public void stop() {
        server.stop();
    }

    /** Starts a stopped server again on the same port with the same data. */
    public void startAgain() {
        server.startAgain();
    }

    /** Stops the server and deletes its folder. Repeatable. */
    @Override
    public void close() {
        server.close();
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).get(0).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("unable to read '" + file + "'", e);
        }
    }

}
