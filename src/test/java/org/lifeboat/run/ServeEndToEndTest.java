package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.Manifest;
import org.lifeboat.manifest.ManifestJson;
import org.lifeboat.testing.WebhookReceiver;

/**
 * {@code lifeboat serve} under Quarkus with the real scheduler, sshd and PostgreSQL: the backup role
 * makes sets on a cron of a few seconds; health, metrics and the webhook follow a datastore that
 * breaks and is fixed; the restore role in follow mode restores each new set within one poll, and
 * says when no new set has come for too long.
 */
@QuarkusMainTest
class ServeEndToEndTest {

    @RegisterExtension
    static final LifeboatFixture fixture = LifeboatFixture.perClass().withSampleDatabase("shop", 500);

    private static Path withLines(Path config, String name, String lines) throws Exception {
        Path file = fixture.work.resolve(name);
        Files.writeString(file, Files.readString(config) + lines);
        return file;
    }

    private static List<Path> sets(String environment) throws Exception {
        if (!Files.isDirectory(fixture.setsFolder(environment))) {
            return List.of();
        }
        try (Stream<Path> sets = Files.list(fixture.setsFolder(environment))) {
            return sets.filter(p -> Files.exists(p.resolve("manifest.json"))).sorted().toList();
        }
    }

    /** The value of the series named exactly {@code series} (with its labels) in a scrape. */
    static double metric(String scrape, String series) {
        return scrape.lines().filter(l -> l.startsWith(series + " ")).map(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + scrape));
    }

    @Test
    void theBackupRoleMakesSetsOnItsCronAndHealthMetricsAndWebhookFollowABreakAndItsFix(QuarkusMainLauncher launcher)
            throws Exception {
        int port = RunningServe.freePort();
        WebhookReceiver receiver = WebhookReceiver.start(1);
        Path config = withLines(fixture.backupConfig("served", List.of("shop"), "    prune-after-backup: false\n"), "served.yaml", """
                  serve:
                    backup-cron: "0/3 * * * * ?"
                    ready-max-age: PT1H
                    http:
                      port: %d
                  alerts:
                    webhook: %s
                    ping-url: %s
                    retry-delay: PT0.2S
                  lock:
                    refresh-every: PT1S
                """.formatted(port, receiver.url("/hook"), receiver.url("/ping")));
        try (receiver; RunningServe serve = RunningServe.start(launcher, config.toString(), port)) {
            RunningServe.await("two sets made by the cron", Duration.ofSeconds(40), () -> uncheckedSets("served").size() >= 2);
            RunningServe.await("ready", Duration.ofSeconds(20), () -> serve.status("/q/health/ready") == 200);

            String scrape = serve.get("/q/metrics").body();
            Manifest newest = ManifestJson.read(Files.readAllBytes(sets("served").get(sets("served").size() - 1)
                    .resolve("manifest.json")), "newest");
            long plain = newest.datastores().get(0).artifacts().stream().mapToLong(ArtifactRecord::plainBytes).sum();
            assertEquals(plain, metric(scrape, "lifeboat_datastore_last_plain_bytes{datastore=\"postgres\"}"), scrape);
            assertTrue(metric(scrape, "lifeboat_datastore_last_stored_bytes{datastore=\"postgres\"}") > 0, scrape);
            double lastSuccess = metric(scrape, "lifeboat_datastore_last_success_timestamp_seconds{datastore=\"postgres\"}");
            assertTrue(Math.abs(Instant.now().getEpochSecond() - lastSuccess) < 30, scrape);
            assertTrue(metric(scrape, "lifeboat_runs_total{outcome=\"success\",verb=\"backup\"}") >= 1, scrape);
            assertEquals(1.0, metric(scrape, "lifeboat_run_last_success{verb=\"backup\"}"), scrape);
            assertTrue(metric(scrape, "lifeboat_store_free_bytes") > 0, scrape);
            assertTrue(metric(scrape, "lifeboat_newest_set_timestamp_seconds") > Instant.now().getEpochSecond() - 60, scrape);
            assertTrue(receiver.requests().stream().anyMatch(r -> r.path().equals("/ping/start")), receiver.requests().toString());
            assertTrue(receiver.requests().stream().anyMatch(r -> r.path().equals("/ping")), receiver.requests().toString());

            fixture.production.stop(); // the datastore breaks
            RunningServe.await("not ready", Duration.ofSeconds(30), () -> serve.status("/q/health/ready") == 503);
            String down = serve.get("/q/health/ready").body();
            assertTrue(down.contains("\"status\":\"DOWN\"") && down.contains("last run: backup"), down);
            RunningServe.await("the failure webhook, retried after a 500", Duration.ofSeconds(20),
                    () -> receiver.requests().stream().filter(r -> r.path().equals("/hook") && r.answered() == 200).count() >= 1);
            List<WebhookReceiver.Request> hooks = receiver.requests().stream().filter(r -> r.path().equals("/hook")).toList();
            assertEquals(500, hooks.get(0).answered());
            assertEquals(hooks.get(0).body(), hooks.get(1).body(), "the retry carries the same payload");
            String payload = hooks.get(1).body();
            assertTrue(payload.contains("\"event\":\"failure\"") && payload.contains("\"environment\":\"served\"")
                    && payload.contains("\"role\":\"backup\"") && payload.contains("\"name\":\"postgres\"")
                    && payload.contains("\"error\":\"precheck failed") && payload.contains("\"durationSeconds\""), payload);
            assertTrue(receiver.requests().stream().anyMatch(r -> r.path().equals("/ping/fail")));
            String failing = serve.get("/q/metrics").body();
            assertTrue(metric(failing, "lifeboat_datastore_failures_total{datastore=\"postgres\"}") >= 1, failing);
            assertEquals(0.0, metric(failing, "lifeboat_run_last_success{verb=\"backup\"}"), failing);

            fixture.production.restart(); // fixed
            RunningServe.await("ready again", Duration.ofSeconds(30), () -> serve.status("/q/health/ready") == 200);

            // each job reads the configuration anew: a file broken since start fails the job loudly, not silently
            Files.writeString(config, Files.readString(config) + "  bogus-key: 1\n");
            RunningServe.await("not ready with a broken configuration", Duration.ofSeconds(30),
                    () -> serve.status("/q/health/ready") == 503);
            assertTrue(serve.get("/q/health/ready").body().contains("bogus-key"), serve.get("/q/health/ready").body());
            assertEquals(0, serve.stop());
        }
    }

    @Test
    void theRestoreRoleInFollowModeRestoresEachNewSetWithinAPollAndAlertsWhenSetsStop(QuarkusMainLauncher launcher)
            throws Exception {
        Path backup = fixture.backupConfig("followed", List.of("shop"), "    prune-after-backup: false\n");
        assertEquals(0, LifeboatFixture.run("backup", "--config", backup.toString()).code());
        int port = RunningServe.freePort();
        WebhookReceiver receiver = WebhookReceiver.start(0);
        Path restore = withLines(fixture.restoreConfig("followed", fixture.identity()), "follow.yaml", """
                  serve:
                    restore-cron: "off"
                    follow-every: PT2S
                    http:
                      port: %d
                  alerts:
                    webhook: %s
                    stale-after: PT20S
                """.formatted(port, receiver.url("/hook")));
        try (receiver; RunningServe serve = RunningServe.start(launcher, restore.toString(), port)) {
            RunningServe.await("the first restore", Duration.ofSeconds(60), () -> serve.status("/q/health/ready") == 200);
            String scrape = serve.get("/q/metrics").body();
            assertTrue(metric(scrape, "lifeboat_restore_time_to_recover_seconds") > 0, scrape);
            double age = metric(scrape, "lifeboat_restore_data_age_seconds");
            assertTrue(age > 0 && age < 120, scrape);

            fixture.production.execute("shop", "INSERT INTO customers (id, name, email, balance, created_at) VALUES (999999, 'followed', 'f@example.org', 1, now())");
            Thread.sleep(1100); // the next set starts in another second
            assertEquals(0, LifeboatFixture.run("backup", "--config", backup.toString()).code());
            RunningServe.await("the new set restored", Duration.ofSeconds(40), () -> uncheckedCount("followed") == 1);

            RunningServe.await("the stale alert", Duration.ofSeconds(40), () -> receiver.requests().stream()
                    .anyMatch(r -> r.body().contains("\"event\":\"stale\"") && r.body().contains("\"setsEnvironment\":\"followed\"")));
            assertEquals(0, serve.stop());
        }
    }

    private static long uncheckedCount(String name) {
        try {
            return fixture.staging.queryLong("shop", "SELECT count(*) FROM customers WHERE name = '" + name + "'");
        } catch (java.sql.SQLException e) {
            return -1; // not restored yet
        }
    }

    private static List<Path> uncheckedSets(String environment) {
        try {
            return sets(environment);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
