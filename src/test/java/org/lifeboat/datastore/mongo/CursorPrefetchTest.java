package org.lifeboat.datastore.mongo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.lifeboat.testing.MongoServer;

/** The read-ahead of a collection's cursor: every byte in order, bounded chunks, and no hang when the server goes away. */
class CursorPrefetchTest {

    @Test
    void everyDocumentComesInCursorOrderAndAHugeOneGetsAChunkOfItsOwn() throws Exception {
        try (MongoServer server = MongoServer.start(); MongoClient client = server.client()) {
            MongoCollection<Document> things = client.getDatabase("app").getCollection("things");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                batch.add(new Document("_id", i).append("text", "t".repeat(i % 700)));
            }
            things.insertMany(batch);
            things.insertOne(new Document("_id", "huge").append("blob", new Binary(new byte[3 * CursorPrefetch.CHUNK_BYTES])));
            MongoCollection<RawBsonDocument> raw = client.getDatabase("app").getCollection("things", RawBsonDocument.class);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (RawBsonDocument document : raw.find().batchSize(100)) {
                ByteBuffer bytes = document.getByteBuffer().asNIO();
                expected.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            }
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            long documents = 0;
            int largest = 0;
            try (CursorPrefetch prefetch = new CursorPrefetch(raw, 100, "app.things")) {
                for (CursorPrefetch.Chunk chunk; (chunk = prefetch.next()) != null; ) {
                    read.write(chunk.bytes(), 0, chunk.length());
                    documents += chunk.documents();
                    largest = Math.max(largest, chunk.length());
                    assertTrue(chunk.length() <= CursorPrefetch.CHUNK_BYTES || chunk.documents() == 1, "only a huge document overfills");
                }
                assertEquals(null, prefetch.next(), "the end stays the end");
            }
            assertEquals(5001, documents);
            assertTrue(largest > 3 * CursorPrefetch.CHUNK_BYTES, "the huge document in one chunk: " + largest);
            assertArrayEquals(expected.toByteArray(), read.toByteArray());
        }
    }

    @Test
    void aServerThatGoesAwayMidReadFailsTheReaderInsteadOfHangingIt() throws Exception {
        MongoServer server = MongoServer.start();
        boolean stopped = false;
        try (MongoClient client = server.client()) {
            fill(client, 40_000);
            MongoCollection<RawBsonDocument> raw = client.getDatabase("app").getCollection("things", RawBsonDocument.class);
            CursorPrefetch prefetch = new CursorPrefetch(raw, 1000, "app.things");
            assertTrue(prefetch.next() != null);
            server.close();
            stopped = true;
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                assertThrows(MongoException.class, () -> {
                    while (prefetch.next() != null) {
                        // drain what was read ahead before the server went
                    }
                });
            });
            prefetch.close();
            assertFalse(prefetch.reading(), "the reading thread ended");
        } finally {
            if (!stopped) {
                server.close(); // not repeatable: it deletes the server's folder
            }
        }
    }

    @Test
    void closingEarlyStopsTheReadingThread() throws Exception {
        try (MongoServer server = MongoServer.start(); MongoClient client = server.client()) {
            fill(client, 40_000);
            CursorPrefetch prefetch = new CursorPrefetch(client.getDatabase("app").getCollection("things", RawBsonDocument.class), 1000,
                    "app.things");
            assertTrue(prefetch.next() != null);
            assertTrue(prefetch.reading(), "still reading ahead, blocked on its bounded queue");
            prefetch.close();
            assertFalse(prefetch.reading(), "closed: the reading thread ended (and closed its cursor)");
        }
    }

    private static void fill(MongoClient client, int documents) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            batch.add(new Document("_id", i).append("text", "x".repeat(1000)));
            if (batch.size() == 5000) {
                client.getDatabase("app").getCollection("things").insertMany(batch);
                batch.clear();
            }
        }
    }
}
