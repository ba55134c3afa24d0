package org.lifeboat.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lifeboat.serve}: what {@code lifeboat serve} runs when, and where it answers for health
 * and metrics. Crons are Quartz-style, six or seven fields with seconds first
 * ({@code 0 0 1 * * ?} is 01:00 every day); {@code off} disables a job.
 */
public interface ServeConfig {

    /** The time zone the crons are read in. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** Backup role: the nightly backup of every datastore without a cron of its own. */
    @WithDefault("0 0 1 * * ?")
    String backupCron();

    /** Backup role: per datastore name, a cron of its own ({@code backup --datastore NAME}). */
    Map<String, String> datastoreCrons();

    /** Restore role: the nightly restore of the newest sets (the drill). */
    @WithDefault("0 0 4 * * ?")
    String restoreCron();

    /**
     * Restore role, follow mode (a warm standby): when set, the backup server is polled this often
     * and every new complete set is restored as soon as it is there.
     */
    Optional<Duration> followEvery();

    /** The HTTP listener for health and metrics. */
    Http http();

    /**
     * Readiness is down when the newest complete set (backup role) or the newest successful
     * restore (restore role) is older than this.
     */
    @WithDefault("PT26H")
    Duration readyMaxAge();

    /** Where {@code /q/health/live}, {@code /q/health/ready} and {@code /q/metrics} answer. */
    interface Http {
        /** Loopback by default: metrics name hosts and datastores. */
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("9464")
        int port();

        @WithDefault("true")
        boolean enabled();
    }
}
