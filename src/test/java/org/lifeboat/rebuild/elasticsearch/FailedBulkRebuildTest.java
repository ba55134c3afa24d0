package org.lifeboat.rebuild.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.PEOPLE_INDEX;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.bulk;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.count;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.peopleQuery;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.postgres;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.settings;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.source;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.rebuild.StepResult;
import org.lifeboat.testing.ElasticsearchServer;
import org.lifeboat.testing.PostgresServer;

/**
 * Every way a rebuild can fail leaves the live index and its alias as they were and removes the
 * new index: a document refused mid-way, a count that does not match, a source failing mid-stream,
 * an index file refused by Lifeboat or by the node, an empty source, an unreachable node.
 */
class FailedBulkRebuildTest {

    private static final String ALIAS = "failed-people";
    private static ElasticsearchServer es;
    private static PostgresServer pg;

    @TempDir
    Path work;
    private Path indexFile;
    private String live;

    @BeforeAll
    static void start() throws Exception {
        es = ElasticsearchServer.shared();
        pg = PostgresServer.start();
        RebuildFixture.createPeople(pg, "app", 600);
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    /** A live generation-1 index behind the alias, as the night before left it. */
    @BeforeEach
    void liveIndex() throws IOException {
        es.deleteIndices(ALIAS);
        indexFile = RebuildFixture.write(work, "people.json", PEOPLE_INDEX);
        assertTrue(rebuild(peopleQuery(1), indexFile).ok());
        live = es.catAliases(ALIAS);
    }

    private StepResult rebuild(String query, Path file) throws IOException {
        return new ElasticsearchBulkRebuild(settings(es), new BulkIndexSettings(ALIAS, postgres(pg, "app", query), file, 0, 100, null, false)).run();
    }

    private void assertLiveIndexUntouched() {
        assertEquals(live, es.catAliases(ALIAS), "the alias stays on the old index");
        assertEquals(live, es.catIndices(ALIAS), "the new index is removed");
        assertEquals(600, count(es, ALIAS));
        assertEquals(1, source(es, ALIAS, "1").get("generation").asInt());
    }

    @Test
    void aDocumentRefusedByTheMappingMidWayFailsAndRemovesTheNewIndex() {
        String query = "SELECT id, json_build_object('name', name, 'email', email, 'age', CASE WHEN id = 450 THEN 'not a number' ELSE age END,"
                + " 'generation', 2)::text FROM people ORDER BY id";

        IOException e = assertThrows(IOException.class, () -> rebuild(query, indexFile));

        assertTrue(e.getMessage().matches("unable to bulk-write into index '" + ALIAS + "-[0-9-]+' on http://127\\.0\\.0\\.1:\\d+: 1 of 100"
                + " documents refused after 400 written; the first, id '450': \\[document_parsing_exception\\].*age.*; alias " + ALIAS
                + " left on " + live + ", new index " + ALIAS + "-[0-9-]+ deleted"), e.getMessage());
        assertLiveIndexUntouched();
    }

    @Test
    void aCountBelowTheDocumentsReadFailsBeforeTheSwap() throws IOException {
        // every id twice: 1200 documents read, 600 in the index
        String query = "SELECT id, json_build_object('name', name, 'generation', 2)::text FROM people, generate_series(1, 2) ORDER BY id";

        StepResult result = rebuild(query, indexFile);

        assertFalse(result.ok());
        assertTrue(result.details().get(0).startsWith("index " + ALIAS + ": 600 documents, expected 1200"), result.details().toString());
        assertTrue(result.details().get(2).matches("count 600 differs from the 1200 documents read; alias " + ALIAS + " left on " + live
                + ", new index " + ALIAS + "-[0-9-]+ deleted"), result.details().toString());
        assertLiveIndexUntouched();
    }

    @Test
    void aSourceFailingMidStreamFailsAndRemovesTheNewIndex() {
        String query = "SELECT id, CASE WHEN id < 300 THEN json_build_object('generation', 2)::text ELSE (1 / (id - id))::text END"
                + " FROM people ORDER BY id";

        IOException e = assertThrows(IOException.class, () -> rebuild(query, indexFile));

        assertTrue(e.getMessage().contains("the query of postgres query on postgresql://postgres@127.0.0.1:" + pg.port() + "/app failed after"),
                e.getMessage());
        assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
        assertLiveIndexUntouched();
    }

    @Test
    void anEmptySourceIsRefusedUnlessTheMinimumIsZero() throws IOException {
        StepResult result = rebuild("SELECT id, '{}' FROM people WHERE false", indexFile);

        assertFalse(result.ok());
        assertTrue(result.details().get(2).startsWith("count 0 is below the minimum 1; alias " + ALIAS + " left on " + live),
                result.details().toString());
        assertLiveIndexUntouched();
    }

    @Test
    void anIndexFileWithAliasesIsRefusedBeforeAnythingChanges() {
        Path withAlias = RebuildFixture.write(work, "aliased.json", "{\"aliases\": {\"" + ALIAS + "\": {}}, \"mappings\": {}}");

        IOException e = assertThrows(IOException.class, () -> rebuild(peopleQuery(2), withAlias));

        assertEquals("index file '" + withAlias + "' has 'aliases'; only settings and mappings are allowed"
                + " (Lifeboat sets the alias after the rebuild is checked)", e.getMessage());
        assertLiveIndexUntouched();
    }

    @Test
    void anIndexFileTheNodeRefusesFailsNamingTheFile() {
        Path bad = RebuildFixture.write(work, "bad.json", "{\"mappings\": {\"properties\": {\"age\": {\"type\": \"no-such-type\"}}}}");

        IOException e = assertThrows(IOException.class, () -> rebuild(peopleQuery(2), bad));

        assertTrue(e.getMessage().matches("unable to create index '" + ALIAS + "-[0-9-]+' from '" + bad + "' on http://127.0.0.1:\\d+: HTTP 400 .*"
                + "no-such-type.*"), e.getMessage());
        assertLiveIndexUntouched();
    }

    @Test
    void anAliasMovedByOthersDuringTheRebuildFailsTheSwapWholeAndRemovesTheNewIndex() throws Exception {
        String other = ALIAS + "-other";
        es.call("PUT", "/" + other, PEOPLE_INDEX);
        // as soon as the rebuild's index appears, someone else moves the alias from the live index to theirs
        Thread mover = new Thread(() -> {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline && es.catIndices(ALIAS).split("\\s+").length < 3) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException stop) {
                    return;
                }
            }
            es.call("POST", "/_aliases", "{\"actions\":[{\"remove\":{\"index\":\"" + live + "\",\"alias\":\"" + ALIAS + "\"}},"
                    + "{\"add\":{\"index\":\"" + other + "\",\"alias\":\"" + ALIAS + "\"}}]}");
        });
        mover.start();
        BulkIndexSettings slow = new BulkIndexSettings(ALIAS, postgres(pg, "app", peopleQuery(2)), indexFile, 0, 10, null, false);

        IOException e = assertThrows(IOException.class, () -> new ElasticsearchBulkRebuild(settings(es), slow).run());
        mover.join(130_000);

        assertTrue(e.getMessage().startsWith("unable to move alias to index '" + ALIAS + "-"), e.getMessage());
        assertEquals(other, es.catAliases(ALIAS), "the alias is where the other party put it, on one index only");
        assertEquals(live + "\n" + other, es.catIndices(ALIAS), "the new index is removed, the old one kept");
        es.call("DELETE", "/" + other, null);
    }

    @Test
    void anUnreachableNodeFailsNamingItsUrl() throws IOException {
        int closedPort = RebuildFixture.closedPort();
        ElasticsearchSettings nowhere = ElasticsearchSettings.of("http://127.0.0.1:" + closedPort);

        IOException e = assertThrows(IOException.class, () -> new ElasticsearchBulkRebuild(nowhere,
                bulk(ALIAS, postgres(pg, "app", peopleQuery(2)), indexFile, false)).run());

        assertTrue(e.getMessage().startsWith("unable to look up alias '" + ALIAS + "' on http://127.0.0.1:" + closedPort + ": "), e.getMessage());
        assertLiveIndexUntouched();
    }
}
