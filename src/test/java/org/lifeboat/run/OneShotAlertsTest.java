package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.testing.WebhookReceiver;

/**
 * A one-shot command (as a systemd timer or CronJob runs it) sends the same notifications as
 * serve: the ping around the run, the failure webhook (retried after a 500), and on success only
 * when asked.
 */
class OneShotAlertsTest {

    @RegisterExtension
    static final LifeboatFixture fixture = LifeboatFixture.perClass().withSampleDatabase("shop", 20);

    @Test
    void aFailedOneShotBackupPostsTheFailureAndPingsFailAndASuccessPingsOnly() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(1)) {
            Path base = fixture.backupConfig("oneshot", List.of("shop", "nosuchdb"), "    prune-after-backup: false\n");
            String alerts = "  alerts:\n    webhook: " + receiver.url("/hook") + "\n    ping-url: " + receiver.url("/ping")
                    + "\n    retry-delay: PT0.1S\n";
            Path broken = fixture.work.resolve("oneshot-broken.yaml");
            Files.writeString(broken, Files.readString(base) + alerts);
            LifeboatFixture.Outcome failed = LifeboatFixture.run("backup", "--skip-precheck", "--config", broken.toString());
            assertEquals(1, failed.code(), failed.err());

            List<WebhookReceiver.Request> requests = receiver.requests();
            assertEquals(List.of("/ping/start", "/ping/fail", "/hook", "/hook"), requests.stream().map(WebhookReceiver.Request::path)
                    .toList(), requests.toString());
            assertEquals(500, requests.get(2).answered());
            String payload = requests.get(3).body();
            assertTrue(payload.contains("\"event\":\"failure\"") && payload.contains("\"environment\":\"oneshot\"")
                    && payload.contains("\"command\":\"backup\"") && payload.contains("database 'nosuchdb' does not exist")
                    && payload.contains("{\"name\":\"postgres\",\"ok\":false"), payload);
            assertTrue(requests.get(1).body().contains("nosuchdb"), "the fail ping carries the error");

            Path fixed = fixture.work.resolve("oneshot-fixed.yaml");
            Files.writeString(fixed, Files.readString(fixture.backupConfig("oneshot", List.of("shop"), "    prune-after-backup: false\n"))
                    + alerts);
            assertEquals(0, LifeboatFixture.run("backup", "--skip-precheck", "--config", fixed.toString()).code());
            List<String> after = receiver.requests().stream().skip(4).map(WebhookReceiver.Request::path).toList();
            assertEquals(List.of("/ping/start", "/ping"), after, "no webhook on success unless webhook-on-success");
        }
    }
}
