package org.lifeboat.datastore.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
class MongoSwapTest extends TwoMongoServers {

    @BeforeEach
    void empty() {
        for (MongoServer server : servers.both()) {
            try (MongoClient client = server.client()) {
                for (String db : List.of("contract", "shop")) {
                    client.getDatabase(db).drop();
                }
            }
        }
    }

    @Test
    void aSwapThatFailsHalfWayIsPutBackWhole() throws Exception {
        fill(servers.production(), 300, "p", 1, 3);
        fill(servers.staging(), 4, "s", 7, 70);
        String before = MongoDumpDatastoreContractTest.fingerprint(servers.staging());
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(on(servers.production(), List.of("contract", "shop")));
        MongoDumpDatastore target = on(servers.staging(), List.of());
        try (PreparedRestore prepared = target.prepare(recorded, fixture.source(target.name()))) {
            try (MongoClient client = servers.staging().client()) {
                client.getDatabase("shop").getCollection(DumpNames.temporary("shop", "orders")).drop(); // its copy vanishes
            }
            IOException e = assertThrows(IOException.class, prepared::swapIn);
            assertTrue(e.getMessage().contains("live data kept aside: ") && e.getMessage().contains("shop.orders as orders__lifeboat_aside_"),
                    e.getMessage());
            prepared.rollBack();
        }
        assertEquals(before, MongoDumpDatastoreContractTest.fingerprint(servers.staging()), "every live collection is back exactly");
        assertNothingOfARestoreLeft("nothing left beside the live data: ");
    }

    @Test
    void aCommitKilledHalfWayIsFinishedByTheNextRestore() throws Exception {
        fill(servers.production(), 200, "p", 2, 5);
        fill(servers.staging(), 3, "s", 8, 80);
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(on(servers.production(), List.of("contract", "shop")));
        MongoDumpDatastore target = on(servers.staging(), List.of());
        target.prepare(recorded, fixture.source(target.name())).swapIn(); // swapped in, then killed in its commit:
        try (MongoClient client = servers.staging().client()) {
            String aside = client.getDatabase("shop").listCollectionNames().into(new java.util.ArrayList<>()).stream()
                    .filter(DumpNames::isAside).findFirst().orElseThrow();
            String stamp = aside.substring(aside.length() - 16);
            client.getDatabase("shop").getCollection(aside).renameCollection(
                    new com.mongodb.MongoNamespace("shop", DumpNames.done("shop", "orders", stamp))); // the commit's first rename
        }
        String restored = MongoDumpDatastoreContractTest.fingerprint(servers.production());
        target.prepare(recorded, fixture.source(target.name())).close(); // settles, loads, discards its own copy
        assertEquals(restored, MongoDumpDatastoreContractTest.fingerprint(servers.staging()),
                "the commit was finished: the restored data stays");
        assertNothingOfARestoreLeft("the replaced copies are dropped: ");
    }

    /** The sample collections in {@code contract} ({@code people} documents, tagged {@code tag}) and one order in {@code shop}. */
    private static void fill(MongoServer server, int people, String tag, int orderId, int total) {
        try (MongoClient client = server.client()) {
            MongoSampleData.create(client, "contract", people, tag);
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("_id", orderId).append("total", total));
        }
    }

    private static MongoDumpDatastore on(MongoServer server, List<String> databases) {
        return new MongoDumpDatastore("mongo", new MongoSettings(server.connectionString(), null, null, null, databases, List.of(),
                List.of()));
    }

    /** No collection of Lifeboat's own (temporary, aside, done, kept) is left in staging's databases. */
    private static void assertNothingOfARestoreLeft(String why) {
        try (MongoClient client = servers.staging().client()) {
            for (String db : List.of("contract", "shop")) {
                for (String name : client.getDatabase(db).listCollectionNames()) {
                    assertTrue(!name.contains("lifeboat"), why + db + "." + name);
                }
            }
        }
    }
}
