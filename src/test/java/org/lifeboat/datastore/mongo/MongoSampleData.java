package org.lifeboat.datastore.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Sample MongoDB data with every common BSON type and index kind, and an exact fingerprint. */
public final class MongoSampleData {

    static final String ODD_NAME = "odd/name with space";
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private MongoSampleData() {
    }

    /** {@code people} ({@code rows} documents, five secondary indexes), an empty collection and one with an odd name. */
    public static void create(MongoClient client, String db, int rows, String tag) {
        MongoDatabase database = client.getDatabase(db);
        MongoCollection<Document> people = database.getCollection("people");
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            batch.add(new Document("_id", new ObjectId())
                    .append("email", tag + i + "@example.org")
                    .append("name", "person " + tag + " " + i + " \u00e9\u4e2d")
                    .append("age", i % 90)
                    .append("balance", (long) i * 1_000_000_007L)
                    .append("score", i / 7.0)
                    .append("exact", new Decimal128(new java.math.BigDecimal(i + ".10")))
                    .append("born", new Date(1_000_000_000_000L + i * 86_400_000L))
                    .append("photo", new BsonBinary(new byte[] {(byte) i, 1, 2, 3}))
                    .append("uuid", new BsonBinary(UUID.nameUUIDFromBytes((tag + i).getBytes())))
                    .append("address", new Document("city", "c" + (i % 10)).append("zip", String.format("%05d", i)))
                    .append("tags", List.of("t" + (i % 3), "u" + (i % 5)))
                    .append("active", i % 2 == 0)
                    .append("nothing", null)
                    .append("pattern", Pattern.compile("^a" + i + ".*", Pattern.CASE_INSENSITIVE))
                    .append("ts", new BsonTimestamp(1_700_000_000 + i, 1))
                    .append(i % 4 == 0 ? "sparse" : "dense", i));
        }
        if (!batch.isEmpty()) {
            people.insertMany(batch);
        }
        people.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("email_unique"));
        people.createIndex(Indexes.compoundIndex(Indexes.ascending("address.city"), Indexes.descending("age")));
        people.createIndex(Indexes.ascending("sparse"), new IndexOptions().sparse(true));
        people.createIndex(Indexes.ascending("born"), new IndexOptions().expireAfter(3650L, TimeUnit.DAYS));
        people.createIndex(Indexes.ascending("score"), new IndexOptions().partialFilterExpression(new Document("active", true)));
        database.createCollection("empty");
        database.getCollection(ODD_NAME).insertOne(new Document("_id", 1).append("note", tag));
    }

    /** Every collection of {@code db} (names, then documents by {@code _id} and indexes, hashed). */
    public static String fingerprint(MongoClient client, String db) throws Exception {
        MongoDatabase database = client.getDatabase(db);
        StringBuilder out = new StringBuilder();
        List<String> names = database.listCollectionNames().into(new ArrayList<>());
        names.removeIf(n -> n.startsWith("system.") || n.contains("__lifeboat_")); // Lifeboat's own copies are looked at apart
        names.sort(null);
        for (String name : names) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long count = 0;
            for (RawBsonDocument document : database.getCollection(name, RawBsonDocument.class).find().sort(new Document("_id", 1))) {
                sha.update(document.toJson(JSON).getBytes());
                count++;
            }
            List<String> indexes = new ArrayList<>();
            for (BsonDocument index : database.getCollection(name).listIndexes(BsonDocument.class)) {
                index.remove("ns");
                indexes.add(index.toJson(JSON));
            }
            indexes.sort(null);
            out.append(db).append('.').append(name).append(' ').append(count).append(' ')
                    .append(HexFormat.of().formatHex(sha.digest())).append(' ').append(indexes).append('\n');
        }
        return out.toString();
    }
}
