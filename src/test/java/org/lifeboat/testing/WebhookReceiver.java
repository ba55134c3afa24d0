package org.lifeboat.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook and ping receiver on 127.0.0.1 for alert tests: records every request (path and
 * body) and answers 500 to the first {@code failFirst} POSTs to {@code /hook}, 200 to the rest.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request received. */
    public record Request(String path, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger toFail;

    private WebhookReceiver(HttpServer server, int failFirst) {
        this.server = server;
        this.toFail = new AtomicInteger(failFirst);
    }

    public static WebhookReceiver start(int failFirst) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        WebhookReceiver receiver = new WebhookReceiver(server, failFirst);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                int status = path.equals("/hook") && receiver.toFail.getAndDecrement() > 0 ? 500 : 200;
                synchronized (receiver.requests) {
                    receiver.requests.add(new Request(path, body, status));
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:PORT} + {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
