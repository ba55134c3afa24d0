package org.lifeboat.datastore.mongo;

import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.Shell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.bson.BsonBinaryReader;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ClassServer;
import org.lifeboat.testing.MongoServer;

/**
 * Restore by hand, as the README says: {@code age -d | zstd -d} of every artifact under
 * {@code mongo/} gives exactly a mongodump folder, whose {@code .bson} files hold the source's
 * documents byte for byte, named as mongodump names them, and whose metadata lists the indexes.
 */
class MongoBreakGlassTest {

    /** Kept as it is by mongodump's escape (and escaped by the earlier format's). */
    static final String PUNCTUATED = "k:v=1+2~x@a&b";
    /** Escaped to more than 211 bytes: cut and hashed, its whole name only in the metadata. */
    static final String LONG = "\u00e9".repeat(100);
    /** The README's loop, word for word but for the variables. */
    static final String BY_HAND = "set -e; cd \"$SET/mongo\"\n"
            + "find . -type f -name '*.zst.age' | while read -r f; do\n"
            + "  mkdir -p \"$DUMP/${f%/*}\"\n"
            + "  age -d -i \"$IDENTITY\" \"$f\" | zstd -d -q > \"$DUMP/${f%.zst.age}\"\n"
            + "done\n";

    @RegisterExtension
    static final ClassServer<MongoServer> production = new ClassServer<>(MongoServer::start);

    @TempDir
    Path work;

    @Test
    void ageAndZstdOfEveryArtifactGiveAMongodumpFolder() throws Exception {
        try (MongoClient client = production.get().client()) {
            MongoSampleData.create(client, "civil", 300, "b");
            client.getDatabase("civil").getCollection(PUNCTUATED).insertOne(new Document("_id", 1));
            client.getDatabase("civil").getCollection(LONG).insertOne(new Document("_id", 2));
        }
        ArtifactFixture fixture = new ArtifactFixture(work);
        MongoDumpDatastore datastore = new MongoDumpDatastore("mongo", new MongoSettings(production.get().connectionString(), null, null,
                null, List.of("civil"), List.of(), List.of()));
        DatastoreRecord recorded = fixture.backup(datastore);
        Path dump = Files.createDirectories(work.resolve("dump"));
        Shell.run(BY_HAND, Map.of("IDENTITY", fixture.identity().toString(), "SET", fixture.folder(datastore).getParent().toString(),
                "DUMP", dump.toString()));

        Set<String> files;
        try (var list = Files.list(dump)) {
            assertEquals(List.of("civil"), list.map(p -> p.getFileName().toString()).toList(), "one folder per database");
        }
        try (var list = Files.list(dump.resolve("civil"))) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        String longStem = "%C3%A9".repeat(30) + "%" + "%24" + "02mW-EhxMxXsZ8vh0-6fogZ0Bd4";
        assertEquals(new TreeSet<>(List.of("empty.bson", "empty.metadata.json", "odd%2Fname%20with%20space.bson",
                "odd%2Fname%20with%20space.metadata.json", "people.bson", "people.metadata.json", PUNCTUATED + ".bson",
                PUNCTUATED + ".metadata.json", longStem + ".bson", longStem + ".metadata.json")), files);
        assertEquals(LONG, BsonDocument.parse(Files.readString(dump.resolve("civil").resolve(longStem + ".metadata.json")))
                .getString("collectionName").getValue(), "a cut name is whole in the metadata, where mongorestore reads it");

        try (MongoClient client = production.get().client()) {
            for (String collection : List.of("people", "empty", MongoSampleData.ODD_NAME, PUNCTUATED, LONG)) {
                List<BsonDocument> fromFile = readBson(dump.resolve("civil").resolve(DumpNames.fileStem(collection) + ".bson"));
                List<BsonDocument> fromServer = client.getDatabase("civil").getCollection(collection, BsonDocument.class).find()
                        .into(new ArrayList<>());
                assertEquals(fromServer, fromFile, collection);
                assertEquals(recorded.counts().get("civil").get(collection), (long) fromFile.size());
            }
        }
        assertEquals(300, readBson(dump.resolve("civil/people.bson")).size());

        BsonDocument metadata = BsonDocument.parse(Files.readString(dump.resolve("civil/people.metadata.json")));
        assertEquals("people", metadata.getString("collectionName").getValue());
        assertEquals("collection", metadata.getString("type").getValue());
        assertTrue(metadata.isDocument("options"));
        List<String> indexNames = new ArrayList<>();
        for (BsonValue index : metadata.getArray("indexes")) {
            indexNames.add(index.asDocument().getString("name").getValue());
        }
        assertTrue(indexNames.containsAll(List.of("_id_", "email_unique", "address.city_1_age_-1", "sparse_1", "born_1", "score_1")),
                indexNames.toString());
        BsonDocument unique = metadata.getArray("indexes").getValues().stream().map(BsonValue::asDocument)
                .filter(i -> i.getString("name").getValue().equals("email_unique")).findFirst().orElseThrow();
        assertTrue(unique.getBoolean("unique").getValue());
        assertEquals(new BsonDocument("email", new org.bson.BsonInt32(1)), unique.getDocument("key"), "key types kept exactly");
    }

    /** Every document of a .bson file, read with the driver's BSON decoder. */
    private static List<BsonDocument> readBson(Path file) throws Exception {
        List<BsonDocument> documents = new ArrayList<>();
        byte[] all;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            all = in.readAllBytes();
        }
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int length = buffer.getInt(buffer.position());
            byte[] one = new byte[length];
            buffer.get(one);
            try (BsonBinaryReader reader = new BsonBinaryReader(java.nio.ByteBuffer.wrap(one))) {
                documents.add(new BsonDocumentCodec().decode(reader, DecoderContext.builder().build()));
            }
        }
        return documents;
    }
}
