package org.lifeboat.datastore.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * Writes one database as the mongodump folder {@code <db>/}, one artifact per file: for every
 * collection its {@code .metadata.json} and its {@code .bson}, for every view its metadata only
 * ({@link CollectionDump}). Nothing is held back to learn a size first, so nothing touches the
 * local disk and memory does not grow with a collection.
 */
final class DatabaseDump {

    private final MongoDatabase database;
    private final Set<String> excludedCollections;

    DatabaseDump(MongoDatabase database, Set<String> excludedCollections) {
        this.database = database;
        this.excludedCollections = excludedCollections;
    }

    /**
     * Writes the database's artifacts through {@code sink} and appends their records to
     * {@code artifacts}; puts each collection's document count (of the documents written) into
     * {@code counts} and each left-out collection into {@code excluded}.
     */
    void write(ArtifactSink sink, List<ArtifactRecord> artifacts, Map<String, Long> counts, List<String> excluded) throws IOException {
        String db = database.getName();
        for (BsonDocument listed : list(excluded)) {
            String name = listed.getString("name").getValue();
            try {
                new CollectionDump(database, listed).write(sink, artifacts, counts);
            } catch (MongoException e) {
                throw new IOException("unable to read collection '" + db + "." + name + "': " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IOException("unable to back up collection '" + db + "." + name + "': " + e.getMessage(), e);
            }
        }
    }

    /** Collections and views to dump, by name; system collections are the server's own, views are in their metadata. */
    private List<BsonDocument> list(List<String> excluded) throws IOException {
        String db = database.getName();
        List<BsonDocument> selected = new ArrayList<>();
        try {
            for (BsonDocument entry : database.listCollections(BsonDocument.class)) {
                String name = entry.getString("name").getValue();
                String type = entry.getString("type", new BsonString(CollectionMetadata.COLLECTION)).getValue();
                if (name.startsWith("system.")) {
                    continue;
                }
                if (excludedCollections.contains(db + "." + name)) {
                    excluded.add("collection " + db + "." + name);
                    continue;
                }
                if (!type.equals(CollectionMetadata.COLLECTION) && !type.equals(CollectionMetadata.VIEW)) {
                    throw new IOException("collection '" + db + "." + name + "' is of type '" + type
                            + "', which dump mode does not back up: exclude it with exclude-collections");
                }
                selected.add(entry);
            }
        } catch (MongoException e) {
            throw new IOException("unable to list the collections of database '" + db + "': " + e.getMessage(), e);
        }
        selected.sort(Comparator.comparing(e -> e.getString("name").getValue()));
        return selected;
    }
}
