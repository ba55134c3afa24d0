package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A backup interrupted in the middle of an artifact (the backup server goes away, or pg_dump is
 * killed) fails the run with a clear error and leaves no complete set.
 */
class BackupInterruptedTest {

    private static LifeboatFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new LifeboatFixture();
        fixture.production.createDatabase("bulk");
        // about 100 MB of random bytes: pg_dump writes it as hex, zstd cannot shrink it much,
        // so each artifact takes seconds to stream
        fixture.production.execute("bulk", "CREATE EXTENSION pgcrypto");
        fixture.production.execute("bulk",
                "CREATE TABLE blobs AS SELECT g AS id, gen_random_bytes(1024) AS body FROM generate_series(1, 100000) g");
    }

    @AfterAll
    static void stop() throws IOException {
        fixture.close();
    }

    @Test
    @Timeout(300)
    void sshdStoppedMidUploadLeavesNoCompleteSet() throws Exception {
        Path backup = fixture.backupConfig("sshdlost", List.of("bulk"), "");
        CompletableFuture<LifeboatFixture.Outcome> run = CompletableFuture.supplyAsync(
                () -> LifeboatFixture.run("backup", "--skip-precheck", "--config", backup.toString()));
        awaitUpload(fixture.setsFolder("sshdlost"), 5L * 1024 * 1024);
        fixture.ssh.stop();
        LifeboatFixture.Outcome outcome = run.get(120, TimeUnit.SECONDS);
        fixture.ssh.restart();

        assertEquals(1, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("127.0.0.1:" + fixture.ssh.port()), outcome.err());
        assertTrue(outcome.err().contains("no complete set"), outcome.err());
        assertEquals(List.of(), completeSets("sshdlost"));
        assertEquals(List.of(), pgDumps(), "pg_dump is not left running");
    }

    @Test
    @Timeout(300)
    void pgDumpKilledMidStreamLeavesNoCompleteSet() throws Exception {
        Path backup = fixture.backupConfig("dumpkilled", List.of("bulk"), "");
        CompletableFuture<LifeboatFixture.Outcome> run = CompletableFuture.supplyAsync(
                () -> LifeboatFixture.run("backup", "--skip-precheck", "--config", backup.toString()));
        awaitUpload(fixture.setsFolder("dumpkilled"), 1024 * 1024);
        List<String> pids = pgDumps();
        assertEquals(1, pids.size(), "one pg_dump runs: " + pids);
        new ProcessBuilder("kill", "-9", pids.get(0)).inheritIO().start().waitFor();
        LifeboatFixture.Outcome outcome = run.get(120, TimeUnit.SECONDS);

        assertEquals(1, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("pg_dump of database 'bulk'"), outcome.err());
        assertTrue(outcome.err().contains("exit code"), outcome.err());
        assertEquals(List.of(), completeSets("dumpkilled"));
        assertEquals(List.of(), visibleArtifacts("dumpkilled"), "the interrupted artifact is not published");
    }

    /** Waits until a temporary upload under {@code folder} has at least {@code bytes}. */
    private static void awaitUpload(Path folder, long bytes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    if (files.anyMatch(p -> p.getFileName().toString().contains(".tmp-") && size(p) >= bytes)) {
                        return;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no upload of " + bytes + " bytes started under " + folder);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // renamed or removed while we looked
        }
    }

    private static List<String> pgDumps() throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "pg_dump --format=custom").start();
        List<String> pids = new String(pgrep.getInputStream().readAllBytes()).lines().toList();
        pgrep.waitFor();
        return pids;
    }

    private static List<String> completeSets(String environment) throws IOException {
        Path folder = fixture.setsFolder(environment);
        try (Stream<Path> sets = Files.list(folder)) {
            // locks/ holds the run lock (empty once the run ended), not a set
            return sets.filter(p -> !p.getFileName().toString().endsWith(".partial") && !p.getFileName().toString().equals("locks"))
                    .map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<String> visibleArtifacts(String environment) throws IOException {
        try (Stream<Path> files = Files.walk(fixture.setsFolder(environment))) {
            // roles and database properties are written, whole, before the interrupted dump
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.equals("roles.sql.zst.age") && !n.equals("databases.json.zst.age")).toList();
        }
    }
}
