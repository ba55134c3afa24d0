package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeboat.report.DrillReport;
import org.lifeboat.report.ReportJson;
import org.lifeboat.testing.ElasticsearchServer;
import org.lifeboat.testing.PostgresSampleData;

/**
 * {@code lifeboat drill} and the disaster recovery, end to end against real PostgreSQL servers, a
 * real sshd backup server and a real Elasticsearch node: a drill that passes restores, rebuilds the
 * index, runs a command, and reports on stdout, locally and on the backup server; a stale set is
 * refused; a failing post-restore step puts the live data back; a disaster recovery needs its
 * confirmation, prints its plan in a dry run, and restores the chosen set.
 */
class DrillEndToEndTest {

    private static LifeboatFixture fixture;
    private static ElasticsearchServer es;

    @BeforeAll
    static void start() throws Exception {
        fixture = new LifeboatFixture();
        es = ElasticsearchServer.shared();
        fixture.production.createDatabase("registry");
        PostgresSampleData.create(fixture.production, "registry", 300);
    }

    @AfterAll
    static void stop() throws IOException {
        fixture.close();
    }

    /** The staging database replaced by each drill, refilled with other data so a restore shows. */
    private static String stagingHoldsOtherData() throws Exception {
        if (fixture.staging.databaseExists("registry")) {
            fixture.staging.execute("postgres", "DROP DATABASE registry");
        }
        fixture.staging.createDatabase("registry");
        PostgresSampleData.create(fixture.staging, "registry", 7);
        return PostgresSampleData.fingerprint(fixture.staging, "registry");
    }

    /** A restore configuration of {@code source}'s sets into {@code environment}, with {@code restoreLines} under lifeboat.restore. */
    private static Path restoreConfig(String source, String environment, String restoreLines) throws IOException {
        Path config = fixture.restoreConfig(source, fixture.identity());
        String yaml = Files.readString(config).replace("environment: staging", "environment: " + environment)
                .replace("\n  datastores:\n", "\n" + restoreLines + "  datastores:\n");
        return Files.writeString(fixture.work.resolve(source + "-" + environment + "-drill.yaml"), yaml);
    }

    private static void backup(String environment) throws IOException {
        Path config = fixture.backupConfig(environment, List.of("registry"), "    prune-after-backup: false\n");
        LifeboatFixture.Outcome backup = LifeboatFixture.run("backup", "--config", config.toString());
        assertEquals(0, backup.code(), backup.err());
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void aDrillRestoresRebuildsTheIndexRunsItsStepsAndReportsEverywhere() throws Exception {
        backup("drillprod");
        stagingHoldsOtherData();
        Path reports = fixture.work.resolve("reports-pass");
        Path index = Files.writeString(fixture.work.resolve("customers-index.json"),
                "{\"settings\": {\"number_of_shards\": 1, \"number_of_replicas\": 0}}");
        Path token = fixture.secretFile("site-token", "s3cr3t-site-token");
        Path marker = fixture.work.resolve("site-reset");
        Path config = restoreConfig("drillprod", "staging", """
                    drill:
                      report-dir: %s
                    post-restore:
                      - elasticsearch:
                          urls: [%s]
                        elasticsearch-bulk:
                          alias: customers
                          index-file: %s
                          source:
                            postgres:
                              database: registry
                              query: "SELECT id, to_jsonb(c) - 'id' - 'avatar' FROM customers c"
                        timeout: PT5M
                      - name: reset site identifier
                        command:
                          run: [/bin/sh, -c, 'printf %%s "$SITE_TOKEN" > %s']
                          environment-files:
                            SITE_TOKEN: %s
                """.formatted(reports, es.url(), index, marker, token));

        LifeboatFixture.Outcome drill = LifeboatFixture.run("drill", "--config", config.toString());

        assertEquals(0, drill.code(), drill.err() + drill.out());
        assertTrue(drill.out().contains("DRILL PASSED"), drill.out());
        assertTrue(drill.out().contains("(RPO)") && drill.out().contains("(RTO)"), drill.out());
        assertTrue(drill.out().contains("step elasticsearch bulk customers: ok"), drill.out());
        assertFalse(drill.err().contains("s3cr3t") || drill.out().contains("s3cr3t"), "the secret is never printed");
        assertEquals(PostgresSampleData.fingerprint(fixture.production, "registry"),
                PostgresSampleData.fingerprint(fixture.staging, "registry"));
        es.call("POST", "/customers/_refresh", null);
        assertTrue(es.call("GET", "/customers/_count", null).contains("\"count\":300"), "the index holds every restored row");
        assertEquals("s3cr3t-site-token", Files.readString(marker), "the command ran with its secret from the file");

        List<Path> local = files(reports);
        assertEquals(1, local.size(), local.toString());
        DrillReport report = ReportJson.read(Files.readAllBytes(local.get(0)), local.get(0).toString());
        assertTrue(report.passed());
        assertEquals("drillprod", report.sourceEnvironment());
        assertEquals(300L, report.datastores().get(0).checked().get("registry").get("public.customers"));
        assertEquals(600L, report.datastores().get(0).checked().get("registry").get("public.orders"));
        assertEquals(List.of(true, true), report.steps().stream().map(s -> s.ok()).toList());
        assertTrue(report.dataAge().orElseThrow().toSeconds() < 600, report.dataAge().toString());
        Path stored = fixture.setsFolder("drillprod").resolve("reports").resolve(local.get(0).getFileName());
        assertArrayEquals(Files.readAllBytes(local.get(0)), Files.readAllBytes(stored), "the backup server holds the same report");

        LifeboatFixture.Outcome listed = LifeboatFixture.run("reports", "--config", config.toString());
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains(report.set()) && listed.out().contains("passed"), listed.out());
    }

    @Test
    void aDrillOfAStaleSetIsRefusedAndTouchesNothing() throws Exception {
        backup("staleprod");
        String before = stagingHoldsOtherData();
        Path reports = fixture.work.resolve("reports-stale");
        Path config = restoreConfig("staleprod", "staging", """
                    drill:
                      max-age: PT2S
                      report-dir: %s
                """.formatted(reports));
        Thread.sleep(3000);

        LifeboatFixture.Outcome drill = LifeboatFixture.run("drill", "--config", config.toString());

        assertEquals(1, drill.code(), drill.err() + drill.out());
        assertTrue(drill.out().contains("DRILL FAILED") && drill.out().contains("no fresh backup since"), drill.out());
        assertEquals(before, PostgresSampleData.fingerprint(fixture.staging, "registry"), "nothing was restored");
        List<Path> local = files(reports);
        assertEquals(1, local.size());
        assertFalse(ReportJson.read(Files.readAllBytes(local.get(0)), "report").passed());
    }

    @Test
    void aFailingPostRestoreStepPutsTheLiveDataBack() throws Exception {
        backup("failprod");
        String before = stagingHoldsOtherData();
        Path config = restoreConfig("failprod", "staging", """
                    drill:
                      report-dir: %s
                    post-restore:
                      - name: application check
                        command:
                          run: [/bin/sh, -c, 'echo the application refuses this data >&2; exit 3']
                """.formatted(fixture.work.resolve("reports-fail")));

        LifeboatFixture.Outcome drill = LifeboatFixture.run("drill", "--config", config.toString());

        assertEquals(1, drill.code(), drill.err() + drill.out());
        assertTrue(drill.out().contains("application check") && drill.out().contains("exited with 3"), drill.out());
        assertTrue(drill.out().contains("every live datastore is as it was"), drill.out());
        assertEquals(before, PostgresSampleData.fingerprint(fixture.staging, "registry"), "the live data is back");
    }

    @Test
    void aDisasterRecoveryNeedsItsConfirmationShowsItsPlanAndRestoresTheChosenSet() throws Exception {
        backup("drsite");
        String first = PostgresSampleData.fingerprint(fixture.production, "registry");
        String firstSet;
        try (Stream<Path> sets = Files.list(fixture.setsFolder("drsite"))) {
            firstSet = sets.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("20")).sorted().findFirst().orElseThrow();
        }
        fixture.production.execute("registry", "UPDATE customers SET name = name || ' (moved)' WHERE id < 50");
        Thread.sleep(1100);
        backup("drsite");
        assertNotEquals(first, PostgresSampleData.fingerprint(fixture.production, "registry"));
        stagingHoldsOtherData();
        Path config = restoreConfig("drsite", "drsite", "    drill:\n      report-dir: " + fixture.work.resolve("reports-dr") + "\n");

        LifeboatFixture.Outcome unconfirmed = LifeboatFixture.run("restore", "--config", config.toString());
        assertEquals(2, unconfirmed.code(), unconfirmed.err());
        assertTrue(unconfirmed.err().contains("--disaster-recovery --confirm drsite"), unconfirmed.err());
        LifeboatFixture.Outcome wrong = LifeboatFixture.run("restore", "--disaster-recovery", "--confirm", "staging",
                "--config", config.toString());
        assertEquals(2, wrong.code(), wrong.err());

        LifeboatFixture.Outcome plan = LifeboatFixture.run("restore", "--dry-run", "--set", "set:" + firstSet,
                "--config", config.toString());
        assertEquals(0, plan.code(), plan.err());
        assertTrue(plan.out().contains("replaces postgres") && plan.out().contains(firstSet)
                && plan.out().contains("expected duration"), plan.out());

        LifeboatFixture.Outcome recovery = LifeboatFixture.run("restore", "--set", "set:" + firstSet, "--disaster-recovery",
                "--confirm", "drsite", "--config", config.toString());
        assertEquals(0, recovery.code(), recovery.err() + recovery.out());
        assertTrue(recovery.out().contains("DISASTER-RECOVERY PASSED"), recovery.out());
        assertEquals(first, PostgresSampleData.fingerprint(fixture.staging, "registry"), "the chosen, older set came back");
    }
}
