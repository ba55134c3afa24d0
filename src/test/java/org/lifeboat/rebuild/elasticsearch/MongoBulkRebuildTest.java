package org.lifeboat.rebuild.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.count;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.json;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.settings;
import static org.lifeboat.rebuild.elasticsearch.RebuildFixture.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.rebuild.StepResult;
import org.lifeboat.testing.ElasticsearchServer;
import org.lifeboat.testing.MongoServer;

/** The bulk mode from a MongoDB collection (the stand-in) against a real node: ids, BSON types as plain JSON, mapping. */
class MongoBulkRebuildTest {

    private static final String ALIAS = "mongo-orders";
    private static final ObjectId FIRST = new ObjectId("65a1b2c3d4e5f60718293a4b");
    private static final String INDEX = """
            {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
             "mappings": {"dynamic": "strict", "properties": {
               "customer": {"type": "keyword"}, "placed": {"type": "date"}, "total": {"type": "long"},
               "price": {"type": "keyword"}, "ref": {"type": "keyword"},
               "lines": {"type": "nested", "properties": {"sku": {"type": "keyword"}, "qty": {"type": "integer"}}}}}}""";
    private static ElasticsearchServer es;
    private static MongoServer mongo;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        es = ElasticsearchServer.shared();
        mongo = MongoServer.start();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @BeforeEach
    void fill() {
        es.deleteIndices(ALIAS);
        mongo.dropAll();
        List<Document> orders = new ArrayList<>();
        orders.add(new Document("_id", FIRST).append("customer", "c-1").append("placed", Date.from(Instant.parse("2026-11-22T14:30:15Z")))
                .append("total", 12_345_678_901L).append("price", new Decimal128(new java.math.BigDecimal("19.99")))
                .append("ref", new ObjectId("65a1b2c3d4e5f60718293a4c"))
                .append("lines", List.of(new Document("sku", "A-1").append("qty", 2), new Document("sku", "B-7").append("qty", 1))));
        for (int i = 2; i <= 2500; i++) {
            orders.add(new Document("_id", new ObjectId()).append("customer", "c-" + i % 40).append("total", (long) i)
                    .append("placed", new Date(1_700_000_000_000L + i * 60_000L)));
        }
        try (MongoClient client = mongo.client()) {
            client.getDatabase("shop").getCollection("orders").insertMany(orders);
            client.getDatabase("shop").getCollection("named").insertMany(List.of(new Document("_id", "order-a").append("customer", "x"),
                    new Document("_id", 42).append("customer", "y")));
        }
    }

    private StepResult rebuild(String collection) throws IOException {
        MongoCollectionSettings source = new MongoCollectionSettings(mongo.connectionString(), null, null, null, "shop", collection, 200);
        Path indexFile = RebuildFixture.write(work, "orders.json", INDEX);
        return new ElasticsearchBulkRebuild(settings(es), new BulkIndexSettings(ALIAS, source, indexFile, 0, 300, null, false)).run();
    }

    @Test
    void everyDocumentArrivesWithItsObjectIdAsIdAndBsonTypesAsPlainJson() throws IOException {
        StepResult result = rebuild("orders");

        assertTrue(result.ok(), result.toString());
        assertEquals(2500, count(es, ALIAS));
        assertTrue(result.details().contains("index " + ALIAS + ": 2500 documents, expected 2500 (mongo collection shop.orders on mongodb://127.0.0.1:"
                + mongo.port() + ")"), result.details().toString());
        JsonNode doc = source(es, ALIAS, FIRST.toHexString());
        assertFalse(doc.has("_id"), "the id is the document's _id, not a field: " + doc);
        assertEquals("2026-11-22T14:30:15Z", doc.get("placed").asText());
        assertEquals(12_345_678_901L, doc.get("total").asLong());
        assertTrue(doc.get("total").isNumber(), doc.toString());
        assertEquals("19.99", doc.get("price").asText());
        assertEquals("65a1b2c3d4e5f60718293a4c", doc.get("ref").asText());
        assertEquals("B-7", doc.get("lines").get(1).get("sku").asText());
        // the mapping is in force: a date range and a nested query
        assertEquals(1, json(es.call("POST", "/" + ALIAS + "/_count",
                "{\"query\":{\"range\":{\"placed\":{\"gte\":\"2026-11-22\",\"lt\":\"2026-11-23\"}}}}")).get("count").asLong());
        assertEquals(1, json(es.call("POST", "/" + ALIAS + "/_count", "{\"query\":{\"nested\":{\"path\":\"lines\",\"query\":"
                + "{\"bool\":{\"filter\":[{\"term\":{\"lines.sku\":\"A-1\"}},{\"term\":{\"lines.qty\":2}}]}}}}}")).get("count").asLong());
        String index = es.catAliases(ALIAS);
        assertEquals("date", json(es.call("GET", "/" + index + "/_mapping", null)).get(index).get("mappings").get("properties")
                .get("placed").get("type").asText());
    }

    @Test
    void stringAndNumberIdsAreKeptAsText() throws IOException {
        StepResult result = rebuild("named");

        assertTrue(result.ok(), result.toString());
        assertEquals("x", source(es, ALIAS, "order-a").get("customer").asText());
        assertEquals("y", source(es, ALIAS, "42").get("customer").asText());
    }
}
