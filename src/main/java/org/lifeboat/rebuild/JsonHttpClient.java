package org.lifeboat.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Calls an HTTP service that answers JSON, for the steps that drive an application (a reindex
 * hook, a notification): every call has a connect and a request timeout, headers may come from
 * secret files, and every error names the method and the URL without credentials or query.
 * Answers are read up to {@link #MAX_BODY_BYTES}: a status document is small, and memory stays
 * bounded whatever a service sends.
 */
public final class JsonHttpClient {

    /** The most of an answer's body that is kept. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration requestTimeout;

    public JsonHttpClient(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    /**
     * An answer. {@link #json()} parses the body; {@link #text(String)} reads one field of it.
     *
     * @param status the HTTP status code
     * @param body the body as text, cut at {@link #MAX_BODY_BYTES}
     */
    public record Answer(int status, String body) {

        public boolean ok() {
            return status / 100 == 2;
        }

        /** The body as JSON; a body that is not JSON throws, naming what it starts with. */
        public JsonNode json() throws IOException {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IOException("answer is not JSON: " + snippet(), e);
            }
        }

        /**
         * The text of the field at {@code path} (dots between names: {@code job.state}), or empty
         * when the body is not JSON or has no such scalar field.
         */
        public Optional<String> text(String path) {
            try {
                JsonNode node = JSON.readTree(body);
                for (String part : path.split("\\.")) {
                    node = node == null ? null : node.get(part);
                }
                return node == null || node.isNull() || node.isContainerNode() ? Optional.empty() : Optional.of(node.asText());
            } catch (IOException e) {
                return Optional.empty(); // not JSON: the caller reports the missing field with the snippet
            }
        }

        /** The first 200 characters of the body on one line, for an error message. */
        public String snippet() {
            String flat = body.replaceAll("\\s+", " ").strip();
            return flat.length() <= 200 ? "'" + flat + "'" : "'" + flat.substring(0, 200) + "…'";
        }
    }

    /**
     * Sends one request and returns the answer whatever its status.
     *
     * @param body sent as is, or {@code null} for none
     * @param headers header names and values (values may be secrets: never logged)
     * @throws IOException on a connection failure or timeout, naming the method and URL
     */
    public Answer send(String method, URI url, byte[] body, String contentType, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", "application/json");
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        String what = method + " " + redact(url);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
                return new Answer(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (HttpTimeoutException e) {
            throw new IOException(what + " did not answer within " + requestTimeout, e);
        } catch (IOException e) {
            throw new IOException(what + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " interrupted", e);
        }
    }

    /** {@code scheme://host:port/path}: no user information, no query, no fragment (they may hold secrets). */
    public static String redact(URI url) {
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return url.getScheme() + "://" + url.getHost() + port + path;
    }
}
