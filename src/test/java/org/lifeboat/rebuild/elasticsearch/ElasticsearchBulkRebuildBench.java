package org.lifeboat.rebuild.elasticsearch;

import java.nio.file.Files;
import java.nio.file.Path;
import org.lifeboat.rebuild.StepResult;
import org.lifeboat.testing.ElasticsearchServer;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.ProcessMemory;

/**
 * Not a test: the Elasticsearch row of {@code scripts/bench}, and the child JVM of
 * {@link BulkRebuildMemoryTest}. Rebuilds an index of N PostgreSQL rows of about 1 KB (default
 * 200 000) with the bulk mode's defaults (1000 documents or 5 MiB per request) and prints the time,
 * the rate and this JVM's peak heap and RSS. Run it with a small heap ({@code -Xmx64m}): memory
 * must not grow with N.
 *
 * <pre>
 *   java -Xmx64m -cp TEST_CLASSPATH org.lifeboat.rebuild.elasticsearch.ElasticsearchBulkRebuildBench [N]
 *   … ElasticsearchBulkRebuildBench N ES_URL PG_PORT PG_PASSWORD_FILE   (servers already running, table filled)
 * </pre>
 */
public final class ElasticsearchBulkRebuildBench {

    private ElasticsearchBulkRebuildBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        if (args.length >= 4) {
            System.exit(rebuild(rows, args[1], Integer.parseInt(args[2]), Path.of(args[3])) ? 0 : 1);
        }
        boolean ok;
        try (ElasticsearchServer es = ElasticsearchServer.start(); PostgresServer pg = PostgresServer.start()) {
            fill(pg, rows);
            ok = rebuild(rows, es.url(), pg.port(), pg.passwordFile());
        } // closed before the exit: the servers' folders are deleted
        System.exit(ok ? 0 : 1);
    }

    /** {@code bench.people}: {@code rows} rows whose document is about 1 KB. */
    static void fill(PostgresServer pg, int rows) throws Exception {
        RebuildFixture.createPeople(pg, "bench", rows);
        pg.execute("bench", "ALTER TABLE people ADD COLUMN notes text; UPDATE people SET notes = repeat(md5(id::text), 28)");
    }

    static String query() {
        return "SELECT id, json_build_object('name', name, 'email', email, 'age', age, 'generation', 1, 'notes', notes)::text"
                + " FROM people ORDER BY id";
    }

    private static boolean rebuild(int rows, String esUrl, int pgPort, Path pgPasswordFile) throws Exception {
        Path work = Files.createTempDirectory("lifeboat-es-bench-");
        Path indexFile = Files.writeString(work.resolve("people.json"), RebuildFixture.PEOPLE_INDEX.replace("\"generation\"",
                "\"notes\": {\"type\": \"text\", \"index\": false}, \"generation\""));
        PostgresQuerySettings source = new PostgresQuerySettings("127.0.0.1", pgPort, "postgres", pgPasswordFile, "bench", query(), null, 0);
        String alias = "bench-people";
        System.gc();
        ProcessMemory.resetPeakHeap();
        long t0 = System.nanoTime();
        StepResult result = new ElasticsearchBulkRebuild(ElasticsearchSettings.of(esUrl),
                new BulkIndexSettings(alias, source, indexFile, 0, 0, null, false)).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files.delete(indexFile);
        Files.delete(work);
        System.out.printf("MEASURED %-52s %8.1f s  %8.0f documents/s  (%d documents of ~1 KB)  peak heap %d MB, peak RSS %s, max heap %d MB%n",
                "Elasticsearch bulk rebuild (postgres query → bulk)", seconds, rows / seconds, rows, ProcessMemory.peakHeap() >> 20,
                ProcessMemory.vmHwm(), Runtime.getRuntime().maxMemory() >> 20);
        result.details().forEach(line -> System.out.println("DETAIL " + line));
        return result.ok();
    }
}
