package org.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * A real single-node Elasticsearch 8.19 (the integ-test-zip distribution from Maven Central) run by
 * {@code scripts/servers/elasticsearch} in a fresh directory under {@code /tmp}, on a free loopback
 * port, security off. It runs as the OS user {@code lifeboat-es} (the node refuses root), takes
 * ~750 MB and 7–15 s to start: {@link #shared()} starts one for the whole test JVM and stops it at
 * exit, so test classes share it and keep apart by index names. If the script, Maven or Java is
 * missing, the start throws: a test that needs the node fails rather than skips.
 *
 * <p>The helpers talk plain HTTP and return the node's own JSON text, so that tests compare what
 * the server says, not what a client library makes of it.
 */
public final class ElasticsearchServer implements AutoCloseable {

    private static final String SCRIPT = "scripts/servers/elasticsearch";
    private static final String HINT = "; run scripts/install-deps as root (Java, Maven, curl), then mvn -B test";
    private static final long SCRIPT_TIMEOUT_SECONDS = 300;
    private static ElasticsearchServer shared;

    private final ScriptedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ElasticsearchServer(ScriptedServer server) {
        this.server = server;
    }

    /** The node of this JVM, started on first use and stopped (its folder deleted) at JVM exit. */
    public static synchronized ElasticsearchServer shared() {
        if (shared == null) {
            ElasticsearchServer started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::closeQuietly, "stop shared elasticsearch"));
            shared = started;
        }
        return shared;
    }

    /** Starts a new, empty node; the caller owns it and must {@link #close()} it. */
    public static ElasticsearchServer start() {
        Path dir;
        try {
            // the node's OS user must be able to enter the folder
            dir = Files.createTempDirectory(Path.of("/tmp"), "lifeboat-es-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("unable to create a server directory under '/tmp'", e);
        }
        return new ElasticsearchServer(ScriptedServer.start(SCRIPT, SCRIPT_TIMEOUT_SECONDS, HINT, dir));
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** One answer of the node: its status code and body. */
    public record Answer(int status, String body) {
    }

    /** Sends {@code method path} with an optional JSON body; any status is returned, an I/O failure throws. */
    public Answer request(String method, String path, String jsonBody) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " on " + url() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Like {@link #request} but a status other than 2xx throws with the node's answer. */
    public String call(String method, String path, String jsonBody) {
        Answer answer = request(method, path, jsonBody);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " on " + url() + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }

    /** The indices an alias points at, as {@code _cat/aliases} text ("" when the alias does not exist). */
    public String catAliases(String alias) {
        return call("GET", "/_cat/aliases/" + alias + "?h=index", null).strip();
    }

    /** Every index whose name starts with {@code prefix}, as {@code _cat/indices} names, sorted. */
    public String catIndices(String prefix) {
        return call("GET", "/_cat/indices/" + prefix + "*?h=index&s=index&expand_wildcards=all", null).strip();
    }

    /** Deletes every index whose name starts with {@code prefix} (and so every alias on them). */
    public void deleteIndices(String prefix) {
        String names = catIndices(prefix);
        for (String name : names.isEmpty() ? new String[0] : names.split("\\s+")) {
            call("DELETE", "/" + name, null);
        }
    }

    /** Stops the node and deletes its folder. Repeatable. */
    @Override
    public void close() {
        server.close();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            // Called at JVM exit only: nothing left to report to.
        }
    }
}
