package org.lifeboat.rebuild.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.PEOPLE_INDEX;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.bulk;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.count;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.json;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.peopleQuery;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.postgres;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.settings;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.source;

import com.fasterxml.jackson.databind.JsonNode;
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

/** The bulk mode from a PostgreSQL query against a real node: first rebuild, swap, old index, bounds. */
class PostgresBulkRebuildTest {

    private static final String ALIAS = "pg-people";
    private static ElasticsearchServer es;
    private static PostgresServer pg;

    @TempDir
    Path work;
    private Path indexFile;

    @BeforeAll
    static void start() throws Exception {
        es = ElasticsearchServer.shared();
        pg = PostgresServer.start();
        RebuildFixture.createPeople(pg, "app", 1200);
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    @BeforeEach
    void clean() {
        es.deleteIndices(ALIAS);
        indexFile = RebuildFixture.write(work, "people.json", PEOPLE_INDEX);
    }

    private StepResult rebuild(int generation, boolean keepOld) throws IOException {
        return new ElasticsearchBulkRebuild(settings(es), bulk(ALIAS, postgres(pg, "app", peopleQuery(generation)), indexFile, keepOld)).run();
    }

    @Test
    void firstRebuildCreatesAVersionedIndexBehindTheAliasWithTheMappingApplied() throws IOException {
        StepResult result = rebuild(1, false);

        assertTrue(result.ok(), result.toString());
        assertEquals("elasticsearch bulk " + ALIAS, result.name());
        String index = es.catAliases(ALIAS);
        assertTrue(IndexAliases.isVersionOf(ALIAS, index), index);
        assertEquals(index, es.catIndices(ALIAS), "only the new index exists");
        assertEquals(1200, count(es, ALIAS));
        JsonNode doc = source(es, ALIAS, "417");
        assertEquals("Person 417", doc.get("name").asText());
        assertEquals("p417@example.org", doc.get("email").asText());
        assertEquals("37", doc.get("age").asText(), "the source is stored as the query gave it");
        JsonNode mapping = json(es.call("GET", "/" + index + "/_mapping", null)).get(index).get("mappings");
        assertEquals("strict", mapping.get("dynamic").asText());
        assertEquals("keyword", mapping.get("properties").get("email").get("type").asText());
        assertEquals("integer", mapping.get("properties").get("age").get("type").asText());
        JsonNode indexSettings = json(es.call("GET", "/" + index + "/_settings", null)).get(index).get("settings").get("index");
        assertEquals("2", indexSettings.get("number_of_shards").asText());
        // the mapping is in force: a term query on the keyword field and a range on the integer one
        String hits = es.call("POST", "/" + ALIAS + "/_count", "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"email\":\"p417@example.org\"}},"
                + "{\"range\":{\"age\":{\"gte\":37,\"lte\":37}}}]}}}");
        assertEquals(1, json(hits).get("count").asLong());
        assertTrue(result.details().contains("index " + ALIAS + ": 1200 documents, expected 1200 (postgres query on postgresql://postgres@127.0.0.1:"
                + pg.port() + "/app)"), result.details().toString());
    }

    @Test
    void secondRebuildMovesTheAliasAndDeletesTheOldIndexAfterTheSwap() throws IOException {
        assertTrue(rebuild(1, false).ok());
        String first = es.catAliases(ALIAS);

        StepResult result = rebuild(2, false);

        assertTrue(result.ok(), result.toString());
        String second = es.catAliases(ALIAS);
        assertFalse(second.equals(first));
        assertEquals(second, es.catIndices(ALIAS), "the old index is deleted");
        assertEquals(2, source(es, ALIAS, "1").get("generation").asInt());
        assertTrue(result.details().contains("alias " + ALIAS + ": moved from " + first + " to " + second), result.details().toString());
        assertTrue(result.details().contains("deleted old index " + first), result.details().toString());
    }

    @Test
    void keepOldIndexLeavesTheOldIndexWithoutTheAlias() throws IOException {
        assertTrue(rebuild(1, true).ok());
        String first = es.catAliases(ALIAS);

        assertTrue(rebuild(2, true).ok());

        String second = es.catAliases(ALIAS);
        assertEquals(first + "\n" + second, es.catIndices(ALIAS));
        assertEquals(1200, count(es, first));
        assertEquals(1, source(es, first, "1").get("generation").asInt());
    }

    @Test
    void aConcreteIndexNamedLikeTheAliasIsReplacedInTheSameRequest() throws IOException {
        es.call("PUT", "/" + ALIAS, "{\"settings\":{\"number_of_replicas\":0}}");
        es.call("PUT", "/" + ALIAS + "/_doc/old?refresh=true", "{\"name\":\"written by the application\"}");

        StepResult result = rebuild(1, false);

        assertTrue(result.ok(), result.toString());
        assertTrue(IndexAliases.isVersionOf(ALIAS, es.catAliases(ALIAS)));
        assertEquals(1200, count(es, ALIAS));
        assertEquals(es.catAliases(ALIAS), es.catIndices(ALIAS), "the concrete index is gone");
        assertTrue(result.details().contains("alias " + ALIAS + ": moved from the concrete index '" + ALIAS + "' to " + es.catAliases(ALIAS)));
    }

    @Test
    void aConcreteIndexCannotBeKeptAndIsLeftUntouched() {
        es.call("PUT", "/" + ALIAS, "{\"settings\":{\"number_of_replicas\":0}}");

        IOException e = assertThrows(IOException.class, () -> rebuild(1, true));

        assertTrue(e.getMessage().contains("is a concrete index, not an alias"), e.getMessage());
        assertEquals(ALIAS, es.catIndices(ALIAS), "nothing created, nothing deleted");
    }

    @Test
    void versionsLeftByARunThatDiedAreDeletedAfterTheNextSwap() throws IOException {
        String leftover = ALIAS + "-20260101-000000-000";
        es.call("PUT", "/" + leftover, PEOPLE_INDEX);

        StepResult result = rebuild(1, false);

        assertTrue(result.ok(), result.toString());
        assertEquals(es.catAliases(ALIAS), es.catIndices(ALIAS));
        assertTrue(result.details().contains("deleted old index " + leftover), result.details().toString());
    }

    @Test
    void bulkRequestsAreBoundedByDocumentsAndBytes() throws IOException {
        PostgresQuerySettings source = postgres(pg, "app", peopleQuery(1));
        StepResult byDocuments = new ElasticsearchBulkRebuild(settings(es),
                new BulkIndexSettings(ALIAS, source, indexFile, 0, 100, null, false)).run();
        assertTrue(byDocuments.details().contains("bulk: 12 requests, largest ~" + largest(byDocuments) + " bytes"), byDocuments.toString());

        StepResult byBytes = new ElasticsearchBulkRebuild(settings(es),
                new BulkIndexSettings(ALIAS, source, indexFile, 16_384, 100_000, null, false)).run();
        assertTrue(byBytes.ok(), byBytes.toString());
        assertTrue(largest(byBytes) <= 16_384, byBytes.toString());
        assertTrue(requests(byBytes) >= 1200 * 130 / 16_384, byBytes.toString());
        assertEquals(1200, count(es, ALIAS));
    }

    private static long largest(StepResult result) {
        String line = result.details().stream().filter(l -> l.startsWith("bulk: ")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll(".*largest ~(\\d+) bytes", "$1"));
    }

    private static long requests(StepResult result) {
        String line = result.details().stream().filter(l -> l.startsWith("bulk: ")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll("bulk: (\\d+) requests.*", "$1"));
    }
}
