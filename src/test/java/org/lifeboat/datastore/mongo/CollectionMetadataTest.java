package org.lifeboat.datastore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * The metadata file in mongodump's shape, for what the stand-in cannot produce: views, options and
 * validators (mongo-java-server lists every collection as a plain one with empty options).
 */
class CollectionMetadataTest {

    @Test
    void aViewKeepsViewOnAndPipeline() {
        BsonDocument listed = BsonDocument.parse("{name: 'adults', type: 'view', options: {viewOn: 'people',"
                + " pipeline: [{$match: {age: {$gte: 18}}}, {$project: {email: 1}}]}, info: {readOnly: true}}");
        CollectionMetadata metadata = CollectionMetadata.of(listed, List.of());
        String json = new String(metadata.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"type\": \"view\""), json);
        CollectionMetadata parsed = CollectionMetadata.parse(metadata.toJson(), "ignored");
        assertEquals(metadata, parsed);
        assertTrue(parsed.isView());
        assertEquals("people", parsed.options().getString("viewOn").getValue());
        assertEquals(2, parsed.options().getArray("pipeline").size());
    }

    @Test
    void optionsIndexesAndUuidSurviveWithTheirTypes() {
        UUID uuid = UUID.fromString("0123e456-e89b-12d3-a456-426614174000");
        BsonDocument listed = new BsonDocument("name", new org.bson.BsonString("people"))
                .append("type", new org.bson.BsonString("collection"))
                .append("options", BsonDocument.parse("{validator: {$jsonSchema: {required: ['email'], properties: {age:"
                        + " {bsonType: 'int', minimum: {$numberLong: '0'}}}}}, validationLevel: 'strict', validationAction: 'error',"
                        + " collation: {locale: 'fr', strength: 2}, capped: true, size: {$numberLong: '1048576'}}"))
                .append("info", new BsonDocument("uuid", new BsonBinary(uuid)));
        List<BsonDocument> indexes = List.of(BsonDocument.parse("{v: 2, key: {_id: 1}, name: '_id_', ns: 'app.people'}"),
                BsonDocument.parse("{v: 2, key: {score: -1.0}, name: 'score', partialFilterExpression: {active: true}}"));
        CollectionMetadata metadata = CollectionMetadata.of(listed, indexes);
        assertEquals("0123e456e89b12d3a456426614174000", metadata.uuid());
        assertTrue(!metadata.indexes().get(0).containsKey("ns"), "ns removed: 4.4+ refuses it in createIndexes");
        CollectionMetadata parsed = CollectionMetadata.parse(metadata.toJson(), "people");
        assertEquals(metadata, parsed);
        assertTrue(parsed.options().getDocument("validator").getDocument("$jsonSchema").getDocument("properties").getDocument("age")
                .get("minimum").isInt64(), "an int64 stays an int64");
        assertTrue(parsed.indexes().get(1).getDocument("key").get("score").isDouble(), "a double key stays a double");
        String json = new String(metadata.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"options\": {"), json);
        assertTrue(json.contains("\"collectionName\": \"people\""), json);
    }
}
