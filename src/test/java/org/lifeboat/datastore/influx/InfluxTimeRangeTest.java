package org.lifeboat.datastore.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.InfluxServer;

/**
 * The whole valid time range: points in the first and last nanoseconds InfluxDB 1.6 accepts
 * ({@value #MIN} and {@value #MAX}), their neighbours, and a thousand points in 2024, in one
 * measurement of the default policy, backed up and restored with the default settings (one-day
 * windows). Every point must come back at its exact time, the manifest must count them, and the
 * backup and the restore must query only where points are, not every day of 585 years.
 */
class InfluxTimeRangeTest {

    static final long MIN = -9_223_372_036_854_775_806L;
    static final long MAX = 9_223_372_036_854_775_806L;
    private static final String DB = "span";
    /** Queries a backup or a restore of this database may take (it took about 213 000 one-day windows). */
    private static final long QUERY_BUDGET = 300;

    @TempDir
    Path work;

    @Test
    void pointsAtBothEndsOfTheValidRangeComeBackExactlyAndOnlyWhereTheyAreIsQueried() throws Exception {
        try (InfluxServer source = InfluxServer.start(); InfluxServer target = InfluxServer.start()) {
            source.query(null, "CREATE DATABASE " + DB);
            StringBuilder lines = new StringBuilder();
            lines.append("m,host=a v=1i ").append(MIN).append('\n');
            lines.append("m,host=b v=2i ").append(MIN + 1).append('\n');
            lines.append("m,host=a v=3i ").append(MIN + 145_224_194L).append('\n');
            lines.append("m,host=a v=4i ").append(MAX - 1).append('\n');
            lines.append("m,host=b v=5i ").append(MAX).append('\n');
            for (int i = 0; i < 1000; i++) {
                lines.append("m,host=c v=").append(100 + i).append("i ").append(InfluxSampleData.BASE + i * 60_000_000_000L).append('\n');
            }
            source.write(DB, null, lines.toString());

            ArtifactFixture fixture = new ArtifactFixture(work);
            InfluxDumpDatastore production = new InfluxDumpDatastore("influx", InfluxSettings.of(source.url(), null, null));
            long queries = source.queryRequests();
            long started = System.nanoTime();
            DatastoreRecord recorded = fixture.backup(production);
            double backupSeconds = (System.nanoTime() - started) / 1e9;
            long backupQueries = source.queryRequests() - queries - 1;

            InfluxDumpDatastore staging = new InfluxDumpDatastore("influx", InfluxSettings.of(target.url(), null, null));
            queries = target.queryRequests();
            started = System.nanoTime();
            fixture.restore(staging, recorded);
            double restoreSeconds = (System.nanoTime() - started) / 1e9;
            long restoreQueries = target.queryRequests() - queries - 1;
            System.out.printf("whole-range database (1005 points): backup %.2f s, %d queries; restore %.2f s, %d queries%n",
                    backupSeconds, backupQueries, restoreSeconds, restoreQueries);

            assertEquals(Map.of("\"autogen\".\"m\"", 1005L), recorded.counts().get(DB));
            assertEquals(InfluxSampleData.fingerprint(source), InfluxSampleData.fingerprint(target));
            // InfluxQL 1.x cannot OR two time ranges: one query for each end
            String edges = target.query(DB, "SELECT * FROM m WHERE time <= " + (MIN + 145_224_194L) + " GROUP BY *")
                    + target.query(DB, "SELECT * FROM m WHERE time >= " + (MAX - 1) + " GROUP BY *");
            for (long time : new long[] {MIN, MIN + 1, MIN + 145_224_194L, MAX - 1, MAX}) {
                assertTrue(edges.contains("[" + time + ","), time + " missing in " + edges);
            }
            assertTrue(backupQueries <= QUERY_BUDGET, "backup made " + backupQueries + " queries");
            assertTrue(restoreQueries <= QUERY_BUDGET, "restore made " + restoreQueries + " queries");
        }
    }
}
