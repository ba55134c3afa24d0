package org.lifeboat.datastore.mongo;

import com.mongodb.MongoException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.RenameCollectionOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.PreparedRestore;

/**
 * The checked temporary collections of a MongoDB restore. {@link #swapIn()} renames each over its
 * live collection ({@code renameCollection} with {@code dropTarget}), recreates the views, and drops
 * live collections the backup did not hold (but not those it excluded), so that each restored
 * database holds exactly what was backed up. Owns the client; {@link #close()} closes it.
 */
final class PreparedCollections implements PreparedRestore {

    private static final Logger LOG = Logger.getLogger(PreparedCollections.class);

    private final MongoDumpDatastore datastore;
    private final MongoClient client;
    private final List<DatabaseLoad> loads;
    private final Set<String> keptAsExcluded;
    private final List<String> replaced = new ArrayList<>();

    PreparedCollections(MongoDumpDatastore datastore, MongoClient client, List<DatabaseLoad> loads, Set<String> keptAsExcluded) {
        this.datastore = datastore;
        this.client = client;
        this.loads = loads;
        this.keptAsExcluded = keptAsExcluded;
    }

    @Override
    public void swapIn() throws IOException {
        String current = "";
        try {
            for (DatabaseLoad load : loads) {
                MongoDatabase database = client.getDatabase(load.name());
                Map<String, String> live = liveTypes(database);
                for (Map.Entry<String, CollectionLoad> collection : load.collections().entrySet()) {
                    current = load.name() + "." + collection.getKey();
                    if (CollectionMetadata.VIEW.equals(live.get(collection.getKey()))) {
                        database.getCollection(collection.getKey()).drop(); // renameCollection cannot replace a view
                    }
                    database.getCollection(collection.getValue().temporary()).renameCollection(
                            new MongoNamespace(load.name(), collection.getKey()), new RenameCollectionOptions().dropTarget(true));
                    replaced.add(current);
                }
                for (Map.Entry<String, CollectionMetadata> view : load.views().entrySet()) {
                    current = load.name() + "." + view.getKey();
                    database.getCollection(view.getKey()).drop();
                    BsonDocument create = new BsonDocument("create", new BsonString(view.getKey()));
                    create.putAll(view.getValue().options());
                    database.runCommand(create);
                    database.getCollection(load.viewLoads().get(view.getKey()).temporary()).drop();
                    replaced.add(current);
                }
                for (String name : live.keySet()) {
                    current = load.name() + "." + name;
                    if (!name.startsWith("system.") && !DumpNames.isTemporary(name) && !load.collections().containsKey(name)
                            && !load.views().containsKey(name) && !keptAsExcluded.contains(current)) {
                        database.getCollection(name).drop();
                        LOG.infof("%s: collection '%s' dropped: the backup does not hold it", datastore.name(), current);
                    }
                }
            }
        } catch (MongoException e) {
            throw new IOException(datastore.describe() + ": unable to swap in '" + current + "': " + e.getMessage()
                    + "; already replaced by their verified copies: " + (replaced.isEmpty() ? "none" : String.join(", ", replaced))
                    + "; the others are live as they were, their verified copies kept as *" + DumpNames.RESTORE_SUFFIX, e);
        }
        LOG.infof("%s: %d collections and views replaced by the restored copies", datastore.name(), replaced.size());
    }

    @Override
    public void close() {
        try {
            if (replaced.isEmpty()) {
                MongoRestore.dropQuietly(loads);
            }
        } finally {
            client.close();
        }
    }

    /** Live name → type ({@code collection}, {@code view}, …) in {@code database}. */
    private static Map<String, String> liveTypes(MongoDatabase database) {
        Map<String, String> types = new HashMap<>();
        for (BsonDocument entry : database.listCollections(BsonDocument.class)) {
            types.put(entry.getString("name").getValue(), entry.getString("type", new BsonString(CollectionMetadata.COLLECTION)).getValue());
        }
        return types;
    }
}
