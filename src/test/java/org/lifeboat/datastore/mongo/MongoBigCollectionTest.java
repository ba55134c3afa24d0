package org.lifeboat.datastore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.MongoServer;

/**
 * A collection far over the 8 MiB memory limit (200 000 documents of ~1 KB) goes through an
 * encrypted spill file, which is gone afterwards, and comes out of the artifact byte for byte.
 */
class MongoBigCollectionTest {

    private static final int DOCUMENTS = 200_000;
    private static MongoServer production;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        production = MongoServer.start();
    }

    @AfterAll
    static void stop() {
        production.close();
    }

    @Test
    void aBigCollectionSpillsAndRoundTrips() throws Exception {
        String sourceDigest;
        try (MongoClient client = production.client()) {
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
        Path spill = Files.createDirectories(work.resolve("spill"));
        AtomicBoolean sawSpillFile = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try (var files = Files.list(spill)) {
                    if (files.findAny().isPresent()) {
                        sawSpillFile.set(true);
                    }
                } catch (java.io.IOException e) {
                    // the directory is being written: look again
                }
            }
        });
        watcher.start();
        ArtifactFixture fixture = new ArtifactFixture(work);
        MongoDumpDatastore datastore = new MongoDumpDatastore("mongo", new MongoSettings(production.connectionString(), null, null, null,
                List.of(), List.of(), List.of()), spill);
        DatastoreRecord recorded;
        try {
            recorded = fixture.backup(datastore);
        } finally {
            done.set(true);
            watcher.join();
        }
        assertTrue(sawSpillFile.get(), "the collection went through a spill file");
        try (var files = Files.list(spill)) {
            assertEquals(0, files.count(), "spill file deleted");
        }
        assertEquals((long) DOCUMENTS, recorded.counts().get("big").get("events"));
        ArtifactRecord artifact = recorded.artifacts().get(0);
        assertTrue(artifact.plainBytes() > DOCUMENTS * 1000L, "plain bytes " + artifact.plainBytes());

        try (InputStream in = fixture.source(datastore.name()).open(artifact)) {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null && !entry.getName().equals("big/events.bson")) {
                // skip the folder and the metadata
            }
            assertTrue(entry != null, "big/events.bson in the tar");
            BsonDocumentReader reader = new BsonDocumentReader(tar, entry.getName());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long count = 0;
            for (RawBsonDocument document; (document = reader.next()) != null; count++) {
                update(sha, document);
            }
            assertEquals(DOCUMENTS, count);
            assertEquals(sourceDigest, HexFormat.of().formatHex(sha.digest()));
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
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
