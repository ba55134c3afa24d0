package org.lifeboat.rebuild.elasticsearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.lifeboat.testing.ElasticsearchServer;
import org.lifeboat.testing.PostgresServer;

/**
 * A small application that rebuilds its own index from PostgreSQL when asked, speaking the model
 * system's protocol: {@code POST /auth/token} (JSON credentials → {@code access_token}),
 * {@code POST /admin/reindex} (bearer token → {@code {"job": id}}, 202), {@code GET
 * /admin/reindex/{id}} ({@code {"state": "running"|"done"|"error"}}). The job drops and recreates
 * the index and bulk-loads the {@code people} rows in a thread of its own. {@link Behaviour}
 * makes it misbehave for the failure tests.
 */
final class ReindexingApplication implements AutoCloseable {

    static final String USER = "drill";
    static final String PASSWORD = "correct horse";

    /** How the application behaves. */
    enum Behaviour { WORKS, REPORTS_ERROR, NEVER_FINISHES, INDEXES_HALF, EXPIRES_FIRST_TOKEN }

    private final HttpServer server;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor();
    private final ElasticsearchServer es;
    private final PostgresServer pg;
    private final String index;
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger triggers = new AtomicInteger();
    private volatile Behaviour behaviour = Behaviour.WORKS;
    private volatile String expiring = "";

    ReindexingApplication(ElasticsearchServer es, PostgresServer pg, String index) throws IOException {
        this.es = es;
        this.pg = pg;
        this.index = index;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/auth/token", this::token);
        server.createContext("/admin/reindex", this::reindex);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void behave(Behaviour next) {
        expiring = "Bearer token-" + (tokens.get() + 1); // EXPIRES_FIRST_TOKEN: the next token issued
        behaviour = next;
    }

    int tokensIssued() {
        return tokens.get();
    }

    int triggers() {
        return triggers.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var json = RebuildFixture.json(body);
        if (!USER.equals(json.path("username").asText()) || !PASSWORD.equals(json.path("password").asText())) {
            answer(exchange, 401, "{\"error\":\"bad credentials\"}");
            return;
        }
        answer(exchange, 200, "{\"access_token\":\"token-" + tokens.incrementAndGet() + "\",\"token_type\":\"Bearer\"}");
    }

    private void reindex(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        boolean expired = behaviour == Behaviour.EXPIRES_FIRST_TOKEN && expiring.equals(auth)
                && "GET".equals(exchange.getRequestMethod());
        if (auth == null || !auth.matches("Bearer token-\\d+") || expired) {
            answer(exchange, 401, "{\"error\":\"token missing or expired\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.equals("/admin/reindex")) {
            String job = "job-" + triggers.incrementAndGet();
            states.put(job, "running");
            Behaviour now = behaviour;
            jobs.submit(() -> run(job, now));
            answer(exchange, 202, "{\"job\":\"" + job + "\"}");
        } else if ("GET".equals(exchange.getRequestMethod()) && states.containsKey(path.substring(path.lastIndexOf('/') + 1))) {
            answer(exchange, 200, "{\"state\":\"" + states.get(path.substring(path.lastIndexOf('/') + 1)) + "\",\"index\":\"" + index + "\"}");
        } else {
            answer(exchange, 404, "{\"error\":\"no such job\"}");
        }
    }

    /** The application's own rebuild: drop, create, bulk-load from PostgreSQL. */
    private void run(String job, Behaviour now) {
        try {
            if (now == Behaviour.NEVER_FINISHES) {
                return;
            }
            if (now == Behaviour.REPORTS_ERROR) {
                states.put(job, "error");
                return;
            }
            es.request("DELETE", "/" + index, null);
            es.call("PUT", "/" + index, RebuildFixture.PEOPLE_INDEX);
            StringBuilder bulk = new StringBuilder();
            try (Connection c = pg.connect("app"); Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT id, json_build_object('name', name, 'age', age)::text FROM people"
                            + (now == Behaviour.INDEXES_HALF ? " WHERE id % 2 = 0" : ""))) {
                while (rows.next()) {
                    bulk.append("{\"index\":{\"_id\":\"").append(rows.getString(1)).append("\"}}\n").append(rows.getString(2)).append('\n');
                }
            }
            es.call("POST", "/" + index + "/_bulk", bulk.toString()); // not refreshed: the check must refresh
            states.put(job, "done");
        } catch (Exception e) {
            states.put(job, "error");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        jobs.shutdownNow();
    }
}
