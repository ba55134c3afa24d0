package org.lifeboat.config;

import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code lifeboat.alerts}: who is told when a run fails, or when backups silently stopped. Every
 * command that runs (one-shot or under {@code serve}) sends them, so timers and CronJobs alert too.
 */
public interface AlertsConfig {

    /** A URL that gets a JSON POST on every failed run (and on success, if asked). */
    Optional<URI> webhook();

    /** Also POST on success. */
    @WithDefault("false")
    boolean webhookOnSuccess();

    /**
     * A dead man's switch (healthchecks-style): {@code URL/start} when a run starts, {@code URL}
     * when it succeeds, {@code URL/fail} when it fails; its service alerts when pings stop.
     */
    Optional<URI> pingUrl();

    /** Alert "no complete set since ..." when the newest complete set is older than this. */
    @WithDefault("PT26H")
    Duration staleAfter();

    /** Tries of one webhook POST, with backoff doubling from {@link #retryDelay()}. */
    @WithDefault("4")
    int attempts();

    @WithDefault("PT2S")
    Duration retryDelay();

    /** Connect and answer limit of one HTTP call. */
    @WithDefault("PT10S")
    Duration timeout();
}
