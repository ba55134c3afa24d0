package org.lifeboat.datastore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.datastore.Check;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ClosedPort;
import org.lifeboat.testing.MongoServer;

/** What the contract does not cover: exclusions, a count mismatch, secrets kept out of messages. */
class MongoDumpDatastoreTest extends TwoMongoServers {

    @BeforeEach
    void empty() {
        servers.both().forEach(MongoServer::dropAll);
    }

    private static MongoDumpDatastore on(MongoServer server, List<String> excludeDatabases, List<String> excludeCollections) {
        return new MongoDumpDatastore("mongo", new MongoSettings(server.connectionString(), null, null, null, List.of(),
                excludeDatabases, excludeCollections));
    }

    private static List<String> collections(MongoServer server, String db) {
        try (MongoClient client = server.client()) {
            List<String> names = client.getDatabase(db).listCollectionNames().into(new ArrayList<>());
            names.sort(null);
            return names;
        }
    }

    @Test
    void excludedDatabasesAndCollectionsAreRecordedAndTheirLiveCopiesKept() throws Exception {
        try (MongoClient client = servers.production().client()) {
            client.getDatabase("app").getCollection("users").insertOne(new Document("_id", 1));
            client.getDatabase("app").getCollection("cache").insertOne(new Document("_id", 2));
            client.getDatabase("scratch").getCollection("tmp").insertOne(new Document("_id", 3));
        }
        try (MongoClient client = servers.staging().client()) {
            client.getDatabase("app").getCollection("cache").insertOne(new Document("_id", "staging's own"));
            client.getDatabase("app").getCollection("stale").insertOne(new Document("_id", 4));
        }
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(on(servers.production(), List.of("scratch"), List.of("app.cache")));
        assertTrue(recorded.excluded().containsAll(List.of("database scratch", "collection app.cache")), recorded.excluded().toString());
        assertEquals(Map.of("app", Map.of("users", 1L)), recorded.counts());
        assertEquals(List.of("mongo/app/users.metadata.json.zst.age", "mongo/app/users.bson.zst.age"),
                recorded.artifacts().stream().map(ArtifactRecord::path).toList(), "one artifact per file of the mongodump folder");
        assertEquals(List.of("mongodump-metadata-json", "mongodump-bson"), recorded.artifacts().stream().map(ArtifactRecord::format).toList());
        assertEquals(List.of("app", "app"), recorded.artifacts().stream().map(ArtifactRecord::subject).toList());

        fixture.restore(on(servers.staging(), List.of(), List.of()), recorded);
        assertEquals(List.of("cache", "users"), collections(servers.staging(), "app"), "stale dropped, the excluded cache kept");
        try (MongoClient client = servers.staging().client()) {
            assertEquals("staging's own", client.getDatabase("app").getCollection("cache").find().first().getString("_id"));
        }
    }

    @Test
    void aCountThatDiffersFromTheManifestFailsBeforeAnySwap() throws Exception {
        try (MongoClient client = servers.production().client()) {
            MongoSampleData.create(client, "app", 50, "p");
        }
        try (MongoClient client = servers.staging().client()) {
            MongoSampleData.create(client, "app", 5, "s");
        }
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(on(servers.production(), List.of(), List.of()));
        Map<String, Map<String, Long>> counts = new HashMap<>(recorded.counts());
        Map<String, Long> app = new HashMap<>(counts.get("app"));
        app.put("people", 49L);
        counts.put("app", app);
        DatastoreRecord tampered = new DatastoreRecord(recorded.name(), recorded.kind(), recorded.mode(), recorded.started(),
                recorded.finished(), recorded.versions(), recorded.artifacts(), counts, recorded.excluded());
        String before;
        try (MongoClient client = servers.staging().client()) {
            before = MongoSampleData.fingerprint(client, "app");
        }
        MongoDumpDatastore target = on(servers.staging(), List.of(), List.of());
        IOException e = assertThrows(IOException.class, () -> target.prepare(tampered, fixture.source(target.name())));
        assertTrue(e.getMessage().contains("app.people") && e.getMessage().contains("49"), e.getMessage());
        // the datastore and its address are the restore run's to add, once (ErrorContextEndToEndTest, AllDatastoresRollBackEndToEndTest)
        assertFalse(e.getMessage().contains(target.describe()), e.getMessage());
        try (MongoClient client = servers.staging().client()) {
            assertEquals(before, MongoSampleData.fingerprint(client, "app"), "live data untouched, no temporary collection left");
        }
    }

    @Test
    void aSetOfTheEarlierSingleTarFormatStillRestores() throws Exception {
        try (MongoClient client = servers.production().client()) {
            MongoSampleData.create(client, "app", 120, "p");
            client.getDatabase("app").getCollection(MongoBreakGlassTest.PUNCTUATED).insertOne(new Document("_id", "escaped differently"));
            client.getDatabase("other").getCollection("things").insertOne(new Document("_id", 1));
        }
        try (MongoClient client = servers.staging().client()) {
            MongoSampleData.create(client, "app", 3, "s");
            client.getDatabase("app").getCollection("stale").insertOne(new Document("_id", 4));
        }
        ArtifactFixture fixture = new ArtifactFixture(work);
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        List<ArtifactRecord> artifacts = new ArrayList<>();
        try (MongoClient client = servers.production().client()) {
            for (String db : List.of("app", "other")) {
                Map<String, Long> collections = new LinkedHashMap<>();
                artifacts.add(EarlierTarFormat.write(fixture.sink("mongo"), client.getDatabase(db), collections));
                counts.put(db, collections);
            }
        }
        MongoDumpDatastore target = on(servers.staging(), List.of(), List.of());
        DatastoreRecord earlier = ArtifactFixture.record(target, artifacts, counts, Map.of(), List.of(), java.time.Instant.now());
        assertEquals(List.of("mongo/app.tar.zst.age", "mongo/other.tar.zst.age"), artifacts.stream().map(ArtifactRecord::path).toList());

        fixture.restore(target, earlier);
        try (MongoClient source = servers.production().client(); MongoClient restored = servers.staging().client()) {
            for (String db : List.of("app", "other")) {
                assertEquals(MongoSampleData.fingerprint(source, db), MongoSampleData.fingerprint(restored, db), db);
            }
        }
        assertFalse(collections(servers.staging(), "app").contains("stale"), "the swap dropped what the old set did not hold");
    }

    @Test
    void aDatabaseBackedUpWithoutCollectionsIsRestoredEmpty() throws Exception {
        try (MongoClient client = servers.staging().client()) {
            client.getDatabase("quiet").getCollection("stale").insertOne(new Document("_id", 1));
        }
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(new MongoDumpDatastore("mongo", new MongoSettings(servers.production().connectionString(),
                null, null, null, List.of("quiet"), List.of(), List.of())));
        assertEquals(List.of(), recorded.artifacts(), "no collection, no file");
        assertEquals(Map.of("quiet", Map.of()), recorded.counts(), "but the database is recorded");
        fixture.restore(on(servers.staging(), List.of(), List.of()), recorded);
        assertEquals(List.of(), collections(servers.staging(), "quiet"));
    }

    @Test
    void thePasswordAppearsNowhere() throws Exception {
        int closed = ClosedPort.pick();
        MongoSettings settings = new MongoSettings("mongodb://127.0.0.1:" + closed + "/?serverSelectionTimeoutMS=500", "backup",
                "hunter2-secret", null, List.of("app"), List.of(), List.of());
        assertFalse(settings.toString().contains("hunter2"), settings.toString());
        MongoDumpDatastore datastore = new MongoDumpDatastore("mongo", settings);
        assertEquals("mongo (mongodb://127.0.0.1:" + closed + ")", datastore.describe());
        IOException e = assertThrows(IOException.class, () -> datastore.backup(new ArtifactFixture(work).sink(datastore.name())));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        for (Check check : datastore.precheck()) {
            assertFalse(check.detail().contains("hunter2"), check.detail());
        }

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new MongoDumpDatastore("mongo",
                new MongoSettings("mongodb://backup:hunter2-secret@127.0.0.1:27017/", null, null, null, null, null, null)));
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
        assertTrue(refused.getMessage().contains("holds credentials"), refused.getMessage());
    }
}
