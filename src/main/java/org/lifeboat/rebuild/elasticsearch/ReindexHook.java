package org.lifeboat.rebuild.elasticsearch;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.lifeboat.rebuild.JsonHttpClient;
import org.lifeboat.rebuild.JsonHttpClient.Answer;
import org.lifeboat.rebuild.SecretFiles;
import org.lifeboat.rebuild.SecretHeader;

/**
 * The application's side of the hook mode: authenticate, trigger, poll. Each call has the
 * settings' timeouts; messages name the method and URL (no credentials, no query) and never a
 * token or a credential.
 */
final class ReindexHook {

    /** How polling ended. */
    enum Outcome { COMPLETED, FAILED, TIMED_OUT }

    /** The end of polling: the outcome, the last status value seen, what to report. */
    record Poll(Outcome outcome, String lastStatus, String detail) {
    }

    private final HookSettings settings;
    private final JsonHttpClient http;
    private String token;

    ReindexHook(HookSettings settings) {
        this.settings = settings;
        this.http = new JsonHttpClient(settings.connectTimeout(), settings.requestTimeout());
    }

    /** Fetches the token (if configured) and calls the trigger; returns the status URL to poll. */
    URI trigger() throws IOException {
        if (settings.token() != null) {
            token = fetchToken();
        }
        byte[] body = settings.triggerBodyFile() == null ? null : Files.readAllBytes(settings.triggerBodyFile());
        Answer answer = call(settings.triggerMethod(), settings.triggerUrl(), body);
        if (!answer.ok()) {
            throw new IOException("trigger " + where(settings.triggerMethod(), settings.triggerUrl()) + " answered " + answer.status()
                    + ": " + answer.snippet());
        }
        if (settings.jobIdField() == null) {
            return URI.create(settings.statusUrl());
        }
        String id = answer.text(settings.jobIdField()).orElseThrow(() -> new IOException("trigger "
                + where(settings.triggerMethod(), settings.triggerUrl()) + " answered without a '" + settings.jobIdField() + "' field: "
                + answer.snippet()));
        return URI.create(settings.statusUrl().replace("{id}", URLEncoder.encode(id, StandardCharsets.UTF_8)));
    }

    /**
     * Polls {@code statusUrl} every poll interval until a completed or failed value, or until
     * {@code deadlineNanos} ({@link System#nanoTime()}). A 401 fetches the token again (once in a
     * row); a 5xx or a connection failure is retried until the deadline (the application may be
     * restarting); any other non-2xx answer, or an answer without the status field, fails at once.
     */
    Poll poll(URI statusUrl, long deadlineNanos) throws IOException, InterruptedException {
        String last = "none";
        String lastProblem = "";
        boolean retriedToken = false;
        while (true) {
            Answer answer = null;
            try {
                answer = call("GET", statusUrl, null);
            } catch (IOException e) {
                lastProblem = "; last poll: " + e.getMessage();
            }
            if (answer != null && answer.status() == 401 && settings.token() != null && !retriedToken) {
                token = fetchToken();
                retriedToken = true;
                continue;
            }
            if (answer != null && answer.ok()) {
                retriedToken = false;
                lastProblem = "";
                Optional<String> status = answer.text(settings.statusField());
                if (status.isEmpty()) {
                    throw new IOException("status " + where("GET", statusUrl) + " answered without a '" + settings.statusField()
                            + "' field: " + answer.snippet());
                }
                last = status.get();
                if (settings.completedValues().contains(last)) {
                    return new Poll(Outcome.COMPLETED, last, "hook: " + settings.statusField() + " '" + last + "' at " + where("GET", statusUrl));
                }
                if (settings.failedValues().contains(last)) {
                    return new Poll(Outcome.FAILED, last, "hook: the application reported " + settings.statusField() + " '" + last
                            + "' at " + where("GET", statusUrl) + ": " + answer.snippet());
                }
            } else if (answer != null && answer.status() / 100 != 5) {
                throw new IOException("status " + where("GET", statusUrl) + " answered " + answer.status() + ": " + answer.snippet());
            } else if (answer != null) {
                lastProblem = "; last poll answered " + answer.status();
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return new Poll(Outcome.TIMED_OUT, last, "hook: no " + String.join("/", settings.completedValues()) + " status at "
                        + where("GET", statusUrl) + " within " + settings.timeout() + "; last " + settings.statusField() + " '" + last + "'"
                        + lastProblem);
            }
            Thread.sleep(Math.min(settings.pollInterval().toMillis(), Math.max(1, left / 1_000_000)));
        }
    }

    private String fetchToken() throws IOException {
        TokenSettings t = settings.token();
        byte[] credentials = SecretFiles.content(t.credentialsFile()).getBytes(StandardCharsets.UTF_8);
        Answer answer = http.send("POST", t.url(), credentials, t.contentType(), headers(false));
        if (!answer.ok()) {
            // the answer may echo what was sent: only its status is reported
            throw new IOException("token request " + where("POST", t.url()) + " answered " + answer.status());
        }
        return answer.text(t.tokenField()).orElseThrow(() -> new IOException("token request " + where("POST", t.url())
                + " answered without a '" + t.tokenField() + "' field"));
    }

    private Answer call(String method, URI url, byte[] body) throws IOException {
        return http.send(method, url, body, "application/json", headers(true));
    }

    private Map<String, String> headers(boolean withToken) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (SecretHeader header : settings.headers()) {
            headers.put(header.name(), header.value());
        }
        if (withToken && token != null) {
            headers.put(settings.token().headerName(), settings.token().valuePrefix() + token);
        }
        return headers;
    }

    private static String where(String method, URI url) {
        return method + " " + JsonHttpClient.redact(url);
    }
}
