package org.lifeboat.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * {@code serve}'s HTTP listener: {@code GET /q/health/live}, {@code /q/health/ready} (200 when UP,
 * 503 when DOWN) and {@code /q/metrics} (Prometheus text), on the address of
 * {@code lifeboat.serve.http}.
 *
 * <p>The JDK's own server rather than Quarkus' HTTP (vertx-http with SmallRye Health and the
 * Micrometer extension): Quarkus opens its port at start-up, before the command line is read, so
 * every one-shot command in a CronJob would listen too, on a port set outside Lifeboat's
 * configuration file. This one exists only while {@code serve} runs, where that file says.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HealthServer.class);

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /** Listens on {@code host:port}: liveness is the server answering; readiness and metrics come from the suppliers. */
    public static HealthServer start(String host, int port, Supplier<List<Health.Check>> readiness, Supplier<String> metrics)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new IOException("unable to listen on " + host + ":" + port + " (lifeboat.serve.http): " + e.getMessage(), e);
        }
        server.createContext("/q/health/live", exchange -> answer(exchange, 200, "application/json",
                Health.json("liveness", List.of(new Health.Check("serve", true, "answering")))));
        server.createContext("/q/health/ready", exchange -> {
            List<Health.Check> checks = readiness.get();
            answer(exchange, Health.up(checks) ? 200 : 503, "application/json", Health.json("readiness", checks));
        });
        server.createContext("/q/health", exchange -> {
            List<Health.Check> checks = readiness.get();
            answer(exchange, Health.up(checks) ? 200 : 503, "application/json", Health.json("health", checks));
        });
        server.createContext("/q/metrics", exchange -> answer(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "serve http");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        LOG.infof("health and metrics on http://%s:%d/q/health/ready and /q/metrics", host, server.getAddress().getPort());
        return new HealthServer(server);
    }

    /** The port listened on (useful when 0 asked for any free one). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (RuntimeException e) {
            LOG.warnf("answering %s failed: %s", exchange.getRequestURI().getPath(), e.toString());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
