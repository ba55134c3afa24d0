package org.lifeboat.rebuild.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.PEOPLE_INDEX;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.json;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.peopleQuery;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.postgres;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.rebuild.StepResult;
import org.lifeboat.testing.ElasticsearchServer;
import org.lifeboat.testing.PostgresServer;

/**
 * The live index stays searchable throughout a bulk rebuild: a search loop running beside it sees
 * every old document until the swap and every new one after, never an error, an empty or partial
 * result, or a mix of both.
 */
class BulkRebuildSearchContinuityTest {

    private static final String ALIAS = "continuity-people";
    private static final int ROWS = 6_000;
    private static ElasticsearchServer es;
    private static PostgresServer pg;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        es = ElasticsearchServer.shared();
        pg = PostgresServer.start();
        RebuildFixture.createPeople(pg, "app", ROWS);
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    /** One search's view: how many documents and which generations it saw. */
    private record Seen(long total, List<Integer> generations) {
    }

    @Test
    void aSearchLoopSeesTheOldDocumentsUntilTheSwapAndTheNewAfterWithNoGap() throws Exception {
        es.deleteIndices(ALIAS);
        Path indexFile = RebuildFixture.write(work, "people.json", PEOPLE_INDEX);
        // small bulk requests: the rebuild takes long enough for many searches to run beside it
        BulkIndexSettings first = new BulkIndexSettings(ALIAS, postgres(pg, "app", peopleQuery(1)), indexFile, 0, 300, null, false);
        assertTrue(new ElasticsearchBulkRebuild(settings(es), first).run().ok());

        AtomicBoolean done = new AtomicBoolean();
        ExecutorService searcher = Executors.newSingleThreadExecutor();
        Future<List<Seen>> loop = searcher.submit(() -> {
            List<Seen> seen = new ArrayList<>();
            while (!done.get() || seen.isEmpty() || seen.get(seen.size() - 1).generations().contains(1)) {
                seen.add(search());
                if (seen.size() > 100_000) {
                    throw new IllegalStateException("the search loop ran away");
                }
            }
            return seen;
        });
        BulkIndexSettings second = new BulkIndexSettings(ALIAS, postgres(pg, "app", peopleQuery(2)), indexFile, 0, 300, null, false);
        StepResult result = new ElasticsearchBulkRebuild(settings(es), second).run();
        done.set(true);
        List<Seen> seen = loop.get(2, TimeUnit.MINUTES);
        searcher.shutdown();

        assertTrue(result.ok(), result.toString());
        int switched = -1;
        for (int i = 0; i < seen.size(); i++) {
            Seen s = seen.get(i);
            assertEquals(ROWS, s.total(), "search " + i + " saw a partial or empty index: " + s);
            assertEquals(1, s.generations().size(), "search " + i + " saw two generations at once: " + s);
            int generation = s.generations().get(0);
            if (generation == 2 && switched < 0) {
                switched = i;
            }
            assertEquals(switched < 0 ? 1 : 2, generation, "search " + i + " went back to the old index");
        }
        assertTrue(switched > 3, "the loop ran beside the rebuild, not only after it: " + switched + " searches before the swap");
        System.out.printf("continuity: %d searches, %d before the swap, %d after%n", seen.size(), switched, seen.size() - switched);
    }

    /** Total hits (exact) and the generations present, by an aggregation; an error fails the loop. */
    private static Seen search() {
        ElasticsearchServer.Answer answer = es.request("POST", "/" + ALIAS + "/_search",
                "{\"size\":0,\"track_total_hits\":true,\"aggs\":{\"g\":{\"terms\":{\"field\":\"generation\"}}}}");
        if (answer.status() != 200) {
            throw new AssertionError("a search during the rebuild answered " + answer.status() + ": " + answer.body());
        }
        JsonNode json = json(answer.body());
        List<Integer> generations = new ArrayList<>();
        json.get("aggregations").get("g").get("buckets").forEach(b -> generations.add(b.get("key").asInt()));
        return new Seen(json.get("hits").get("total").get("value").asLong(), generations);
    }
}
