package org.lifeboat.rebuild.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.testing.ElasticsearchServer;
import org.lifeboat.testing.PostgresServer;

/**
 * Memory is bounded by the bulk size, not the source's size: a rebuild of 60 000 documents of
 * ~1 KB (about 60 MB of JSON) succeeds in a JVM whose whole heap is 40 MB.
 */
class BulkRebuildMemoryTest {

    private static final int ROWS = 60_000;

    @TempDir
    Path work;

    @Test
    void aRebuildLargerThanTheHeapSucceedsInAFortyMegabyteJvm() throws Exception {
        ElasticsearchServer es = ElasticsearchServer.shared();
        try (PostgresServer pg = PostgresServer.start()) {
            ElasticsearchBulkRebuildBench.fill(pg, ROWS);
            assertTrue(pg.queryLong("bench", "SELECT sum(length(notes)) FROM people") > 50_000_000L, "more data than the heap");
            Path log = work.resolve("child.log");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx40m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    ElasticsearchBulkRebuildBench.class.getName(), Integer.toString(ROWS), es.url(), Integer.toString(pg.port()),
                    pg.passwordFile().toString())).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            child.getOutputStream().close();
            assertTrue(child.waitFor(10, TimeUnit.MINUTES), "the rebuild did not finish in 10 minutes");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.print(output.lines().filter(l -> l.startsWith("MEASURED") || l.startsWith("DETAIL")).map(l -> l + "\n")
                    .reduce("", String::concat));
            assertEquals(0, child.exitValue(), output);
            assertTrue(output.contains("DETAIL index bench-people: " + ROWS + " documents, expected " + ROWS), output);
            assertEquals(ROWS, RebuildFixture.count(es, "bench-people"));
        } finally {
            es.deleteIndices("bench-people");
        }
    }
}
