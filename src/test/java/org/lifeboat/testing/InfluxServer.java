package org.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real InfluxDB 1.x server ({@code /usr/bin/influxd}, Debian {@code influxdb}) for one test class,
 * run by {@code scripts/servers/influxd} in a fresh directory under {@code /tmp}, on a free loopback
 * port, authentication off. If the script or influxd is missing, {@link #start()} throws: a test
 * that needs the server fails rather than skips. {@link #close()} stops it and deletes its folder.
 *
 * <p>The helpers talk plain HTTP ({@code /query}, {@code /write}) and return the server's own JSON
 * text, so that tests compare what the server says, not what a client library makes of it.
 */
public final class InfluxServer implements AutoCloseable {

    public static final Path INFLUXD = Path.of("/usr/bin/influxd");
    public static final Path INFLUX = Path.of("/usr/bin/influx");
    private static final String SCRIPT = "scripts/servers/influxd";
    private static final String HINT = "; run scripts/install-deps as root (Debian packages influxdb, influxdb-client)";
    private static final long SCRIPT_TIMEOUT_SECONDS = 60;

    private final ScriptedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private InfluxServer(ScriptedServer server) {
        this.server = server;
    }

    /** Starts a new, empty server; the caller owns it and must {@link #close()} it. */
    public static InfluxServer start() {
        for (Path binary : List.of(INFLUXD, INFLUX)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException("missing " + binary + HINT);
            }
        }
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of("/tmp"), "lifeboat-influx-");
        } catch (IOException e) {
            throw new UncheckedIOException("unable to create a server directory under '/tmp'", e);
        }
        return new InfluxServer(ScriptedServer.start(SCRIPT, SCRIPT_TIMEOUT_SECONDS, HINT, dir));
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public Path dir() {
        return server.dir();
    }

    /** Runs InfluxQL (several statements separated by {@code ;}) and returns the JSON answer; fails on any error. */
    public String query(String database, String influxQl) {
        String body = "q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8) + "&epoch=ns"
                + (database == null ? "" : "&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
        String answer = post("/query", body, "application/x-www-form-urlencoded");
        if (answer.contains("\"error\"")) {
            throw new IllegalStateException("query '" + influxQl + "' on " + url() + " failed: " + answer);
        }
        return answer;
    }

    /**
     * How many {@code /query} requests the server has answered since it started (its {@code httpd}
     * statistics): what a test counts to see how many queries a backup or restore made.
     */
    public long queryRequests() {
        String stats = query(null, "SHOW STATS FOR 'httpd'");
        Matcher columns = Pattern.compile("\"columns\":\\[([^\\]]*)\\]").matcher(stats);
        Matcher values = Pattern.compile("\"values\":\\[\\[([^\\]]*)\\]").matcher(stats);
        if (!columns.find() || !values.find()) {
            throw new IllegalStateException("no httpd statistics on " + url() + ": " + stats);
        }
        List<String> names = List.of(columns.group(1).replace("\"", "").split(","));
        return Long.parseLong(values.group(1).split(",")[names.indexOf("queryReq")].strip());
    }

    /** Writes line protocol (nanosecond timestamps) into {@code database}.{@code rp}. */
    public void write(String database, String rp, String lines) {
        write(database, rp, lines.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes line protocol given as bytes (which need not be UTF-8) into {@code database}.{@code rp}. */
    public void write(String database, String rp, byte[] lines) {
        post("/write?precision=ns&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + (rp == null ? "" : "&rp=" + URLEncoder.encode(rp, StandardCharsets.UTF_8)), lines, "text/plain");
    }

    private String post(String path, String body, String type) {
        return post(path, body.getBytes(StandardCharsets.UTF_8), type);
    }

    private String post(String path, byte[] body, String type) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " on " + url() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " on " + url() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the server, keeping its folder. Repeatable. */
    public void stop() {
        server.stop();
    }

    /** Stops the server and deletes its folder. Repeatable. */
    @Override
    public void close() {
        server.close();
    }

}
