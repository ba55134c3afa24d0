package org.lifeboat.datastore.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeboat.testing.InfluxHostileData;
import org.lifeboat.testing.InfluxSampleData;
import org.lifeboat.testing.InfluxServer;

/**
 * The server's own counts ({@link PointCensus}) and the check of an export against them
 * ({@link MeasurementExport}), on a real influxd holding {@link InfluxHostileData}: series with
 * different field sets, untagged series, a tag named like a field, points at both ends of time.
 */
class InfluxCensusTest {

    private static final String DB = "hostile";
    private static InfluxServer server;
    private static InfluxConnection connection;

    @BeforeAll
    static void start() throws IOException {
        server = InfluxServer.start();
        InfluxHostileData.create(server, DB);
        connection = InfluxConnection.open(InfluxSettings.of(server.url(), null, null));
    }

    @AfterAll
    static void stop() {
        connection.close();
        server.close();
    }

    @Test
    void theServerCountsEveryPointOnceWhateverItsFieldsAndTags() throws IOException {
        List<RetentionPolicy> policies = new InfluxCatalog(connection).retentionPolicies(DB);
        assertEquals(InfluxHostileData.POINTS, new PointCensus(connection).pointsByMeasurement(DB, policies, Set.of()));
        assertEquals(Map.of("a", 2L, "b", 2L, "c", 1L), new PointCensus(connection).values(DB, "autogen", "untagged",
                ShardWindows.MIN_TIME, Long.MAX_VALUE), "values per field");
    }

    @Test
    void anExportThatMissesAShardGroupFailsInsteadOfCountingItsOwnLines() throws IOException {
        List<InfluxSeries> groups = new ArrayList<>();
        for (InfluxSeries series : connection.query(null, "SHOW SHARD GROUPS")) {
            List<List<Object>> kept = new ArrayList<>(series.values());
            int start = series.column("start_time");
            kept.removeIf(row -> String.valueOf(row.get(start)).startsWith("2020-"));
            groups.add(new InfluxSeries(series.name(), series.tags(), series.columns(), kept));
        }
        ShardWindows lossy = ShardWindows.of(DB, groups);
        FieldTypes types = new InfluxCatalog(connection).fieldTypes(DB, "autogen").get("drift");
        List<String> lines = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> new MeasurementExport(connection, Duration.ofDays(1)).export(DB,
                "autogen", "drift", lossy, types, lines::add));
        assertEquals(2, lines.size(), "the lossy read itself went through");
        assertTrue(e.getMessage().contains("\"autogen\".\"drift\"") && e.getMessage().contains("does not match the server")
                && e.getMessage().contains("read 2 points") && e.getMessage().contains("counts 4 points"), e.getMessage());
    }

    @Test
    void theWholeRangeIsReadExactlyFromTheRealShardGroups() throws IOException {
        ShardWindows shards = new InfluxCatalog(connection).shardGroups(DB);
        FieldTypes types = new InfluxCatalog(connection).fieldTypes(DB, "autogen").get("edges");
        List<String> lines = new ArrayList<>();
        long points = new MeasurementExport(connection, Duration.ofDays(1)).export(DB, "autogen", "edges", shards, types, lines::add);
        assertEquals(5, points);
        assertEquals(List.of("edges,end=first v=1i -9223372036854775806", "edges,end=first v=2i -9223372036854775805",
                "edges,end=first v=3i -9223372036709551612", "edges,end=last v=4i 9223372036854775805",
                "edges,end=last v=5i 9223372036854775806"), lines);
    }

    @Test
    void pointsWrittenWhileAMeasurementIsReadDoNotFailItsBackup() throws IOException {
        server.query(null, "CREATE DATABASE live");
        server.write("live", null, "mixed,host=a x=1i " + InfluxSampleData.BASE + "\nmixed,host=a y=2.0 " + (InfluxSampleData.BASE + 1)
                + "\n");
        ShardWindows shards = new InfluxCatalog(connection).shardGroups("live");
        FieldTypes types = new InfluxCatalog(connection).fieldTypes("live", "autogen").get("mixed");
        long now = System.currentTimeMillis() * 1_000_000L;
        boolean[] written = {false};
        long points = new MeasurementExport(connection, Duration.ofDays(1)).export("live", "autogen", "mixed", shards, types,
                line -> {
                    if (!written[0]) {
                        written[0] = true;
                        server.write("live", null, "mixed,host=b x=9i " + now + "\n");
                    }
                });
        assertEquals(2, points, "the points there when the read began");
    }
}
