package org.lifeboat.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.ConfigException;
import org.lifeboat.config.ConfigLoader;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.process.ExternalProcess;
import org.lifeboat.process.ToolCommand;

/**
 * The post-restore steps as configured: the example's steps build, a wrong entry is a
 * configuration error naming it, an HTTP hook sends its secret header and checks the status, a
 * command past its timeout is killed and fails.
 */
class PostRestoreStepsTest {

    @TempDir
    Path dir;

    private static List<RestoreStep> steps(LifeboatConfig config) {
        return new PostRestoreSteps(config.datastores().postgres(), config.datastores().mongo())
                .build(config.restore().orElseThrow().postRestore().orElse(List.of()));
    }

    private LifeboatConfig config(String postRestore) throws IOException {
        String yaml = """
                lifeboat:
                  environment: staging
                  store: {type: local, root: %s}
                  restore:
                    source-environment: production
                    identity-file: /dev/null
                    post-restore:
                %s
                  datastores:
                    postgres: {host: 127.0.0.1, password-file: /etc/pw}
                """.formatted(dir.resolve("sets"), postRestore.indent(6).stripTrailing());
        return ConfigLoader.load(Files.writeString(dir.resolve("lifeboat.yaml"), yaml), Map.of());
    }

    private Path secret(String name, String value) throws IOException {
        Path file = Files.writeString(dir.resolve(name), value);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void theExampleStepsBuildInOrder() {
        List<RestoreStep> steps = steps(ConfigLoader.load(Path.of("examples/restore.yaml"), Map.of()));
        assertEquals(List.of("elasticsearch bulk people", "re-create application roles"), steps.stream().map(RestoreStep::name).toList());
    }

    @Test
    void anEntryOfTwoKindsIsAConfigurationErrorNamingIt() throws IOException {
        LifeboatConfig config = config("""
                - command: {run: [/bin/true]}
                - http: {url: "http://127.0.0.1:1/x"}
                  command: {run: [/bin/true]}
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> steps(config));
        assertTrue(e.getMessage().contains("lifeboat.restore.post-restore[1]") && e.getMessage().contains("exactly one"), e.getMessage());
    }

    @Test
    void anHttpHookSendsItsSecretHeaderAndChecksTheStatus() throws IOException {
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicReference<String> key = new AtomicReference<>();
        app.createContext("/cache/purge", exchange -> {
            key.set(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            byte[] body = "{\"purged\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders("POST".equals(exchange.getRequestMethod()) ? 202 : 405, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        try {
            String hook = """
                    - http:
                        url: "http://127.0.0.1:%d/cache/purge"
                        headers: [{name: X-Api-Key, value-file: %s}]
                        expected-status: %d
                    """;
            Path key1 = secret("api-key", "k-123");
            int port = app.getAddress().getPort();
            StepResult passed = StepRunner.run(steps(config(hook.formatted(port, key1, 202))).get(0));
            assertTrue(passed.ok(), passed.toString());
            assertEquals("k-123", key.get());
            StepResult failed = StepRunner.run(steps(config(hook.formatted(port, key1, 200))).get(0));
            assertFalse(failed.ok());
            assertTrue(failed.details().get(0).contains("answered 202, expected 200"), failed.toString());
            assertFalse(failed.toString().contains("k-123"), "the secret header is not reported");
        } finally {
            app.stop(0);
        }
    }

    @Test
    void aCommandPastItsTimeoutIsKilledAndFails() throws Exception {
        LifeboatConfig config = config("""
                - name: slow purge
                  command: {run: [/bin/sleep, "47.25"]}
                  timeout: PT1S
                """);
        long start = System.nanoTime();
        StepResult result = StepRunner.run(steps(config).get(0));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertFalse(result.ok());
        assertTrue(result.details().get(0).contains("timeout of PT1S"), result.toString());
        assertTrue(seconds < 10, "stopped at its timeout, not at the command's end: " + seconds + " s");
        Thread.sleep(500);
        String left = ExternalProcess.run(ToolCommand.of("pgrep", List.of("/bin/sh", "-c", "pgrep -f 'slee[p] 47.25' || true"), Map.of()));
        assertEquals("", left.strip(), "the command was killed");
    }
}
