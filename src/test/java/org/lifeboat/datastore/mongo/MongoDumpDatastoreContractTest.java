package org.lifeboat.datastore.mongo;

import com.mongodb.client.MongoClient;
import java.net.ServerSocket;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContract;
import org.lifeboat.testing.MongoServer;

/**
 * The datastore contract for MongoDB in dump mode, between two mongo-java-server stand-ins (no real
 * mongod here): they keep documents, indexes (secondary ones listed, unique ones enforced) and
 * renames, but drop collection options and validators, and make a plain collection of a view.
 */
class MongoDumpDatastoreContractTest extends DatastoreContract {

    static final List<String> DATABASES = List.of("contract", "shop");
    private static MongoServer production;
    private static MongoServer staging;
    private static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        production = MongoServer.start();
        staging = MongoServer.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        production.close();
        staging.close();
    }

    @BeforeEach
    void empty() {
        production.dropAll();
        staging.dropAll();
    }

    @Override
    protected Datastore source() {
        return new MongoDumpDatastore("mongo-contract", new MongoSettings(production.connectionString(), null, null, null,
                DATABASES, List.of(), List.of()));
    }

    @Override
    protected Datastore target() {
        return new MongoDumpDatastore("mongo-contract", new MongoSettings(staging.connectionString(), null, null, null,
                List.of(), List.of(), List.of()));
    }

    @Override
    protected Datastore unreachable() {
        return new MongoDumpDatastore("mongo-contract", new MongoSettings("mongodb://127.0.0.1:" + closedPort
                + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000", "lifeboat", "s3cret-never-shown", null, DATABASES, List.of(),
                List.of()));
    }

    @Override
    protected String unreachableAddress() {
        return "127.0.0.1:" + closedPort;
    }

    @Override
    protected void fillSource() throws Exception {
        try (MongoClient client = production.client()) {
            MongoSampleData.create(client, "contract", 500, "p");
            client.getDatabase("shop").getCollection("orders").insertMany(List.of(new Document("_id", 1).append("total", 12.5),
                    new Document("_id", 2).append("total", 7)));
        }
    }

    @Override
    protected void fillTargetWithOtherData() throws Exception {
        try (MongoClient client = staging.client()) {
            MongoSampleData.create(client, "contract", 7, "s");
            client.getDatabase("contract").getCollection("only_on_target").insertOne(new Document("x", 1));
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("_id", 9).append("total", 1));
        }
    }

    @Override
    protected List<String> namesOnTarget() {
        List<String> names = new java.util.ArrayList<>();
        try (MongoClient client = staging.client()) {
            for (String db : client.listDatabaseNames()) {
                for (String collection : client.getDatabase(db).listCollectionNames()) {
                    names.add(db + "." + collection);
                }
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    protected String fingerprintSource() throws Exception {
        return fingerprint(production);
    }

    @Override
    protected String fingerprintTarget() throws Exception {
        return fingerprint(staging);
    }

    static String fingerprint(MongoServer server) throws Exception {
        StringBuilder out = new StringBuilder();
        try (MongoClient client = server.client()) {
            for (String db : DATABASES) {
                out.append(MongoSampleData.fingerprint(client, db));
            }
        }
        return out.toString();
    }
}
