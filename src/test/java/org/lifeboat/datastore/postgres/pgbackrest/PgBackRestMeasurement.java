package org.lifeboat.datastore.postgres.pgbackrest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.datastore.postgres.PgDumpDatastore;
import org.lifeboat.datastore.postgres.PgDumpOptions;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.process.ExternalProcess;
import org.lifeboat.process.ToolCommand;

/**
 * Not part of the suite (the name matches no surefire pattern): a measurement on a pgbench
 * database, run by hand with {@code mvn -o test -Dtest=PgBackRestMeasurement -Dbench.scale=100}.
 * Prints dump mode's backup and restore of the same data, then pgBackRest's full backup, a
 * differential after changing 1 % of the rows, and the restore. {@code scripts/bench} runs it.
 */
class PgBackRestMeasurement {

    @TempDir
    Path work;

    @Test
    void measure() throws Exception {
        int scale = Integer.getInteger("bench.scale", 100);
        try (PgBackRestTestbed testbed = PgBackRestTestbed.start()) {
            SetsOnDisk sets = new SetsOnDisk(work);
            testbed.production.createDatabase("bench");
            long t0 = System.nanoTime();
            pgbench(testbed, List.of("-i", "-q", "-s", Integer.toString(scale), "bench"));
            report("pgbench -i -s " + scale, t0, "database " + pretty(testbed.production.queryLong("bench",
                    "SELECT pg_database_size('bench')")));

            // dump mode on the same data, for comparison
            PgDumpDatastore dumpSource = dumpMode(testbed.production);
            t0 = System.nanoTime();
            DatastoreRecord dumped = sets.backup(dumpSource, "dump");
            report("dump mode: backup (pg_dump | zstd | age)", t0, "stored " + pretty(dumped.artifacts().stream()
                    .mapToLong(ArtifactRecord::storedBytes).sum()));
            t0 = System.nanoTime();
            sets.restore(dumpMode(testbed.staging), dumped, "dump");
            report("dump mode: restore (pg_restore into scratch, counts, swap)", t0, "");

            PgBackRestDatastore fullSource = testbed.datastore(testbed.production, testbed.settings(testbed.production, "production",
                    testbed.productionSettings().repository().configDir(), testbed.passphraseFile(), Optional.of("full")));
            t0 = System.nanoTime();
            DatastoreRecord full = sets.backup(fullSource, "full");
            report("full backup", t0, "repository " + pretty(du(testbed.repositoryPath)));
            long afterFull = du(testbed.repositoryPath);

            t0 = System.nanoTime();
            testbed.production.execute("bench", "UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid % 100 = 0");
            report("update 1 % of pgbench_accounts", t0, "");

            PgBackRestDatastore diffSource = testbed.datastore(testbed.production, testbed.settings(testbed.production, "production",
                    testbed.productionSettings().repository().configDir(), testbed.passphraseFile(), Optional.of("diff")));
            long beforeDiff = du(testbed.repositoryPath);
            t0 = System.nanoTime();
            DatastoreRecord diff = sets.backup(diffSource, "diff");
            report("differential backup", t0, "repository grew " + pretty(du(testbed.repositoryPath) - beforeDiff)
                    + " (of which WAL since the full: " + pretty(beforeDiff - afterFull) + ")");

            System.out.print("MEASURED info: " + ExternalProcess.run(new PgBackRestCommands(testbed.productionSettings())
                    .remote("info", List.of("--output=json"))) + "\n");
            t0 = System.nanoTime();
            sets.restore(testbed.datastore(testbed.staging, testbed.stagingSettings()), diff, "diff");
            report("restore of the differential (restore, recovery, counts, swap)", t0, "");
            assertEquals(100_000L * scale, testbed.staging.queryLong("bench", "SELECT count(*) FROM pgbench_accounts"));
            assertEquals(full.counts().get("bench").get("public.pgbench_accounts"), diff.counts().get("bench").get("public.pgbench_accounts"));
        }
    }

    private static PgDumpDatastore dumpMode(org.lifeboat.testing.PostgresServer server) {
        return new PgDumpDatastore("postgres-dump", new PostgresEndpoint("127.0.0.1", server.port(), "postgres", server.password(),
                server.binDir()), new PgDumpOptions(List.of("bench"), List.of(), false, false));
    }

    private static void pgbench(PgBackRestTestbed testbed, List<String> arguments) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(testbed.production.binDir().resolve("pgbench").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(testbed.production.port()), "-U", "postgres"));
        argv.addAll(arguments);
        ExternalProcess.run(ToolCommand.of("pgbench", argv, java.util.Map.of("PGPASSFILE", testbed.production.pgpassFile().toString())));
    }

    private static long du(String path) throws Exception {
        String out = ExternalProcess.run(ToolCommand.of("du", List.of("du", "-sb", path), java.util.Map.of()));
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static void report(String what, long started, String detail) throws Exception {
        String line = String.format("%-62s %8.1f s  %s%n", what, (System.nanoTime() - started) / 1e9, detail);
        System.out.print("MEASURED " + line);
        Files.writeString(Path.of("target/pgbackrest-measurement.txt"), line, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static String pretty(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
