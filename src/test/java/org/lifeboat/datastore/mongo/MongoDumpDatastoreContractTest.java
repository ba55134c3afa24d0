package org.lifeboat.datastore.mongo;

import com.mongodb.client.MongoClient;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.DatastoreContract;
import org.lifeboat.testing.MongoServer;
import org.lifeboat.testing.ServerPair;

/**
 * The datastore contract for MongoDB in dump mode, between two mongo-java-server stand-ins (no real
 * mongod here): they keep documents, indexes (secondary ones listed, unique ones enforced) and
 * renames, but drop collection options and validators, and make a plain collection of a view.
 */
class MongoDumpDatastoreContractTest extends DatastoreContract {

    static final List<String> DATABASES = List.of("contract", "shop");

    @RegisterExtension
    static final ServerPair<MongoServer> servers = new ServerPair<>(MongoServer::start);

    @BeforeEach
    void empty() {
        servers.production().dropAll();
        servers.staging().dropAll();
    }

    @Override
    protected Datastore source() {
        return new MongoDumpDatastore("mongo-contract", new MongoSettings(servers.production().connectionString(), null, null, null,
                DATABASES, List.of(), List.of()));
    }

    @Override
    protected Datastore target() {
        return new MongoDumpDatastore("mongo-contract", new MongoSettings(servers.staging().connectionString(), null, null, null,
                List.of(), List.of(), List.of()));
    }

    @Override
    protected Datastore unreachable() {
        return new MongoDumpDatastore("mongo-contract", new MongoSettings("mongodb://127.0.0.1:" + servers.closedPort()
                + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000", "lifeboat", "s3cret-never-shown", null, DATABASES, List.of(),
                List.of()));
    }

    @Override
    protected String unreachableAddress() {
        return "127.0.0.1:" + servers.closedPort();
    }

    @Override
    protected void fillSource() throws Exception {
        try (MongoClient client = servers.production().client()) {
            MongoSampleData.create(client, "contract", 500, "p");
            client.getDatabase("shop").getCollection("orders").insertMany(List.of(new Document("_id", 1).append("total", 12.5),
                    new Document("_id", 2).append("total", 7)));
        }
    }

    @Override
    protected void fillTargetWithOtherData() throws Exception {
        try (MongoClient client = servers.staging().client()) {
            MongoSampleData.create(client, "contract", 7, "s");
            client.getDatabase("contract").getCollection("only_on_target").insertOne(new Document("x", 1));
            client.getDatabase("shop").getCollection("orders").insertOne(new Document("_id", 9).append("total", 1));
        }
    }

    @Override
    protected List<String> namesOnTarget() {
        List<String> names = new java.util.ArrayList<>();
        try (MongoClient client = servers.staging().client()) {
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
        return fingerprint(servers.production());
    }

    @Override
    protected String fingerprintTarget() throws Exception {
        return fingerprint(servers.staging());
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
