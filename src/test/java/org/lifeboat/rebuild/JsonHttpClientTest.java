package org.lifeboat.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared HTTP helper against a real local HTTP server: secret headers, timeouts, messages without secrets. */
class JsonHttpClientTest {

    @TempDir
    Path work;
    private HttpServer server;
    private volatile String seenKey;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/status", exchange -> {
            seenKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
            byte[] body = "{\"job\":{\"state\":\"done\"},\"n\":3}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void headersComeFromSecretFilesAndFieldsAreReadByPath() throws IOException {
        Path key = Files.writeString(work.resolve("api-key"), "k-123\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        SecretHeader header = new SecretHeader("X-Api-Key", "Key ", key);
        JsonHttpClient http = new JsonHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(5));

        JsonHttpClient.Answer answer = http.send("GET", URI.create(base() + "/status"), null, null, Map.of(header.name(), header.value()));

        assertEquals("Key k-123", seenKey);
        assertEquals("done", answer.text("job.state").orElseThrow());
        assertEquals("3", answer.text("n").orElseThrow());
        assertTrue(answer.text("job").isEmpty(), "an object is not a value");
        assertFalse(header.toString().contains("k-123"));
    }

    @Test
    void aSecretFileOpenToOthersIsRefused() throws IOException {
        Path key = Files.writeString(work.resolve("api-key"), "k-123\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));

        IOException e = assertThrows(IOException.class, () -> new SecretHeader("X-Api-Key", null, key).value());

        assertTrue(e.getMessage().startsWith("'" + key + "' is accessible by group or others"), e.getMessage());
    }

    @Test
    void aSlowAnswerTimesOutNamingTheUrlWithoutQueryOrUser() {
        JsonHttpClient http = new JsonHttpClient(Duration.ofSeconds(5), Duration.ofMillis(500));
        URI url = URI.create("http://drill:pw@127.0.0.1:" + server.getAddress().getPort() + "/slow?token=abc");

        IOException e = assertThrows(IOException.class, () -> http.send("POST", url, new byte[0], "application/json", Map.of()));

        assertEquals("POST " + base() + "/slow did not answer within PT0.5S", e.getMessage());
    }

    @Test
    void stepFailuresBecomeResults() {
        RestoreStep failing = new RestoreStep() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public StepResult run() throws IOException {
                throw new IOException("unable to reach http://127.0.0.1:1");
            }
        };

        StepResult result = StepRunner.runAll(java.util.List.of(failing)).get(0);

        assertFalse(result.ok());
        assertEquals("failing", result.name());
        assertEquals(java.util.List.of("unable to reach http://127.0.0.1:1"), result.details());
    }
}
