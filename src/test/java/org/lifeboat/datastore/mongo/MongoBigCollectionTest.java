package org.lifeboat.datastore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.ClassServer;
import org.lifeboat.testing.MongoServer;

/**
 * A collection of about 200 MB (200 000 documents of ~1 KB; the earlier format spilled anything
 * over 8 MiB to {@code java.io.tmpdir}) is streamed into its artifact without a single file
 * opened for writing on this machine but the store's own, and comes out of the artifact byte for
 * byte.
 */
class MongoBigCollectionTest {

    private static final int DOCUMENTS = 200_000;
    @RegisterExtension
    static final ClassServer<MongoServer> production = new ClassServer<>(MongoServer::start);

    @TempDir
    Path work;

    @Test
    void aBigCollectionStreamsWithoutLocalFilesAndRoundTrips() throws Exception {
        String sourceDigest;
        try (MongoClient client = production.get().client()) {
            client.getDatabase("warm").getCollection("up").insertOne(new Document("_id", 1));
            MongoCollection<Document> events = client.getDatabase("big").getCollection("events");
            String payload = "x".repeat(1000);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                batch.add(new Document("_id", i).append("payload", payload).append("n", (long) i));
                if (batch.size() == 5000) {
                    events.insertMany(batch);
                    batch.clear();
                }
            }
            sourceDigest = digest(client.getDatabase("big").getCollection("events", RawBsonDocument.class).find().batchSize(1000)); // the stand-in ignores the 16 MiB reply cap
        }
        ArtifactFixture fixture = new ArtifactFixture(work);
        // a first backup loads what loads once (zstd-jni unpacks its native library into java.io.tmpdir)
        fixture.backup(on(List.of("warm")), "warm-up", null, null);

        MongoDumpDatastore datastore = on(List.of("big"));
        FileWriteWatcher watcher = FileWriteWatcher.start(List.of(fixture.storeRoot()));
        DatastoreRecord recorded;
        Set<String> written;
        try {
            recorded = fixture.backup(datastore);
        } finally {
            written = watcher.stop();
        }
        // it looked all along the backup (each look reads /proc/self/fd; how many fit depends on the machine)
        assertTrue(watcher.polls() > 10, "the watcher looked " + watcher.polls() + " times");
        Path tmpdir = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        assertTrue(written.stream().noneMatch(f -> Path.of(f).startsWith(tmpdir)), "nothing written in java.io.tmpdir: " + written);
        assertEquals(Set.of(), written, "no file written outside the store");
        assertEquals((long) DOCUMENTS, recorded.counts().get("big").get("events"));
        ArtifactRecord bson = recorded.artifacts().stream().filter(a -> a.path().equals("mongo/big/events.bson.zst.age")).findFirst()
                .orElseThrow(() -> new AssertionError("no events.bson artifact: " + recorded.artifacts()));
        assertEquals(MongoDumpDatastore.BSON_FORMAT, bson.format());
        assertTrue(bson.plainBytes() > DOCUMENTS * 1000L, "plain bytes " + bson.plainBytes());

        try (InputStream in = fixture.source(datastore.name()).open(bson)) {
            BsonDocumentReader reader = new BsonDocumentReader(in, bson.path());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long count = 0;
            for (RawBsonDocument document; (document = reader.next()) != null; count++) {
                update(sha, document);
            }
            assertEquals(DOCUMENTS, count);
            assertEquals(sourceDigest, HexFormat.of().formatHex(sha.digest()));
        }
    }

    private static MongoDumpDatastore on(List<String> databases) {
        return new MongoDumpDatastore("mongo", new MongoSettings(production.get().connectionString(), null, null, null, databases,
                List.of(), List.of()));
    }

    private static String digest(Iterable<RawBsonDocument> documents) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (RawBsonDocument document : documents) {
            update(sha, document);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, RawBsonDocument document) {
        ByteBuffer bytes = document.getByteBuffer().asNIO();
        sha.update(bytes);
    }
}
