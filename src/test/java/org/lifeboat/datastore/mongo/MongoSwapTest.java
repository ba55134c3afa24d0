package org.lifeboat.datastore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.MongoServer;

/**
 * A MongoDB swap that fails half-way (a temporary collection of the second database vanished after
 * the first database was swapped and the second's live collection moved aside) is put back whole
 * by {@link PreparedRestore#rollBack()}; a commit killed half-way is finished by the next restore.
 * On the mongo-java-server stand-in.
 */
class MongoSwapTest {

    private static MongoServer production;
    private static MongoServer staging;

    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        production = MongoServer.start();
        staging = MongoServer.start();
    }

    @AfterAll
    static void stop() {
        production.close();
        staging.close();
    }

    @BeforeEach
    void empty() {
        for (MongoServer server : List.of(production, staging)) {
            try (MongoClient client = server.client()) {
                for (String db : List.of("contract", "shop")) {
                    client.getDatabase(db).drop();
                }
            }
        }
    }

    @Test
    void aSwapThatFailsHalfWayIsPutBackWhole() throws Exception {
        try (MongoClient client = production.client()) {
            MongoSampleData.create(client, "contract", 300, "p");
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("_id", 1).append("total", 3));
        }
        try (MongoClient client = staging.client()) {
            MongoSampleData.create(client, "contract", 4, "s");
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("_id", 7).append("total", 70));
        }
        String before = MongoDumpDatastoreContractTest.fingerprint(staging);
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(new MongoDumpDatastore("mongo", new MongoSettings(production.connectionString(), null,
                null, null, List.of("contract", "shop"), List.of(), List.of())));
        MongoDumpDatastore target = new MongoDumpDatastore("mongo", new MongoSettings(staging.connectionString(), null, null, null,
                List.of(), List.of(), List.of()));
        try (PreparedRestore prepared = target.prepare(recorded, fixture.source(target.name()))) {
            try (MongoClient client = staging.client()) {
                client.getDatabase("shop").getCollection(DumpNames.temporary("shop", "orders")).drop(); // its copy vanishes
            }
            IOException e = assertThrows(IOException.class, prepared::swapIn);
            assertTrue(e.getMessage().contains("live data kept aside: ") && e.getMessage().contains("shop.orders as orders__lifeboat_aside_"),
                    e.getMessage());
            prepared.rollBack();
        }
        assertEquals(before, MongoDumpDatastoreContractTest.fingerprint(staging), "every live collection is back exactly");
        assertNothingOfARestoreLeft("nothing left beside the live data: ");
    }

    @Test
    void aCommitKilledHalfWayIsFinishedByTheNextRestore() throws Exception {
        try (MongoClient client = production.client()) {
            MongoSampleData.create(client, "contract", 200, "p");
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("_id", 2).append("total", 5));
        }
        try (MongoClient client = staging.client()) {
            MongoSampleData.create(client, "contract", 3, "s");
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("_id", 8).append("total", 80));
        }
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(new MongoDumpDatastore("mongo", new MongoSettings(production.connectionString(), null,
                null, null, List.of("contract", "shop"), List.of(), List.of())));
        MongoDumpDatastore target = new MongoDumpDatastore("mongo", new MongoSettings(staging.connectionString(), null, null, null,
                List.of(), List.of(), List.of()));
        target.prepare(recorded, fixture.source(target.name())).swapIn(); // swapped in, then killed in its commit:
        try (MongoClient client = staging.client()) {
            String aside = client.getDatabase("shop").listCollectionNames().into(new java.util.ArrayList<>()).stream()
                    .filter(DumpNames::isAside).findFirst().orElseThrow();
            String stamp = aside.substring(aside.length() - 16);
            client.getDatabase("shop").getCollection(aside).renameCollection(
                    new com.mongodb.MongoNamespace("shop", DumpNames.done("shop", "orders", stamp))); // the commit's first rename
        }
        String restored = MongoDumpDatastoreContractTest.fingerprint(production);
        target.prepare(recorded, fixture.source(target.name())).close(); // settles, loads, discards its own copy
        assertEquals(restored, MongoDumpDatastoreContractTest.fingerprint(staging), "the commit was finished: the restored data stays");
        assertNothingOfARestoreLeft("the replaced copies are dropped: ");
    }

    /** No collection of Lifeboat's own (temporary, aside, done, kept) is left in staging's databases. */
    private static void assertNothingOfARestoreLeft(String why) {
        try (MongoClient client = staging.client()) {
            for (String db : List.of("contract", "shop")) {
                for (String name : client.getDatabase(db).listCollectionNames()) {
                    assertTrue(!name.contains("lifeboat"), why + db + "." + name);
                }
            }
        }
    }
}
