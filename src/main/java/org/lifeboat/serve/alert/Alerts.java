package org.lifeboat.serve.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.lifeboat.config.AlertsConfig;
import org.lifeboat.serve.RunReport;

/**
 * Sends what {@code lifeboat.alerts} asks for. Every method returns normally: a notification that
 * cannot be delivered is logged (without the URL's path, which may hold a token) and the run's own
 * outcome stands.
 *
 * <p>The webhook's retries are a loop here rather than SmallRye Fault Tolerance's {@code @Retry}:
 * one-shot commands are built by picocli, not by CDI, so an interceptor would never run there, and
 * they must alert exactly as {@code serve} does.
 */
public final class Alerts {

    private static final Logger LOG = Logger.getLogger(Alerts.class);

    private final AlertsConfig config;
    private final String environment;
    private final String role;
    private HttpClient http; // made on first use: building one loads the TLS stack and the CA certificates (~0.3 s)

    public Alerts(AlertsConfig config, String environment, String role) {
        this.config = config;
        this.environment = environment;
        this.role = role;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    /** The dead man's switch: {@code URL/start}. */
    public void started() {
        config.pingUrl().ifPresent(url -> ping(url.resolve(path(url) + "/start"), ""));
    }

    /** After a run: the ping ({@code URL} or {@code URL/fail}) and the webhook on failure, or on success if asked. */
    public void finished(RunReport report) {
        config.pingUrl().ifPresent(url -> ping(report.ok() ? url : url.resolve(path(url) + "/fail"),
                report.error().orElse("")));
        if (config.webhook().isPresent() && (!report.ok() || config.webhookOnSuccess())) {
            post(config.webhook().get(), AlertPayload.of(report.ok() ? "success" : "failure", environment, role, report));
        }
    }

    /** The "no complete set since" alert, to the webhook and as a failure ping. */
    public void stale(String setsEnvironment, String newestSet, java.time.Instant newest, String message) {
        LOG.error(message);
        config.pingUrl().ifPresent(url -> ping(url.resolve(path(url) + "/fail"), message));
        config.webhook().ifPresent(url -> post(url, AlertPayload.stale(environment, role, setsEnvironment, newestSet, newest, message)));
    }

    private static String path(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** POSTs {@code json}; retries a refused connection, a 5xx or a 429 with doubling delays; a 4xx is final. */
    void post(URI url, String json) {
        Duration delay = config.retryDelay();
        for (int attempt = 1; attempt <= config.attempts(); attempt++) {
            String problem;
            try {
                HttpResponse<Void> response = http().send(HttpRequest.newBuilder(url).timeout(config.timeout())
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                        HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    LOG.debugf("webhook %s: %d after %d attempt(s)", Hosts.redacted(url), status, attempt);
                    return;
                }
                problem = "answered " + status;
                if (status / 100 == 4 && status != 429) {
                    LOG.errorf("webhook %s %s: not retried, check lifeboat.alerts.webhook", Hosts.redacted(url), problem);
                    return;
                }
            } catch (IOException e) {
                problem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt == config.attempts()) {
                LOG.errorf("webhook %s %s; gave up after %d attempts", Hosts.redacted(url), problem, attempt);
                return;
            }
            LOG.warnf("webhook %s %s; retrying in %s", Hosts.redacted(url), problem, delay);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            delay = delay.multipliedBy(2);
        }
    }

    private void ping(URI url, String body) {
        try {
            HttpResponse<Void> response = http().send(HttpRequest.newBuilder(url).timeout(config.timeout())
                    .POST(HttpRequest.BodyPublishers.ofString(body.length() > 10_000 ? body.substring(0, 10_000) : body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.warnf("ping %s answered %d", Hosts.redacted(url), response.statusCode());
            }
        } catch (IOException e) {
            LOG.warnf("ping %s failed: %s", Hosts.redacted(url), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
