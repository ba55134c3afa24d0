package org.lifeboat.rebuild;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP hook after a restore, for example telling the application to drop its caches: one
 * request whose headers come from secret files; any status but the expected one fails the step,
 * with the start of the answer. The URL is reported without credentials or query.
 */
final class HttpHookStep extends NamedStep {

    private final PostRestoreConfig.Http http;

    HttpHookStep(String name, PostRestoreConfig.Http http) {
        super(name);
        this.http = http;
        if (http.url().getHost() == null) { // refused now, not after the restore
            throw new IllegalArgumentException("http.url '" + JsonHttpClient.redact(http.url()) + "' has no host");
        }
    }

    @Override
    public StepResult run() throws IOException {
        long start = System.nanoTime();
        Map<String, String> headers = new LinkedHashMap<>();
        for (SecretHeader header : PostRestoreSteps.headers(http.headers())) {
            headers.put(header.name(), header.value());
        }
        byte[] body = http.bodyFile().isPresent() ? Files.readAllBytes(http.bodyFile().get()) : null;
        String method = http.method().orElse("POST");
        int expected = http.expectedStatus().orElse(200);
        JsonHttpClient client = new JsonHttpClient(Duration.ofSeconds(10), Duration.ofMinutes(5));
        JsonHttpClient.Answer answer = client.send(method, http.url(), body, http.contentType().orElse("application/json"), headers);
        String line = method + " " + JsonHttpClient.redact(http.url()) + " answered " + answer.status() + ", expected " + expected;
        return answer.status() == expected ? result(true, List.of(line), start)
                : result(false, List.of(line + ": " + answer.snippet()), start);
    }
}
