package org.lifeboat.datastore.mongo;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.datastore.ArtifactSink;
import org.lifeboat.manifest.ArtifactRecord;

/**
 * One collection or view of a dump: its metadata artifact ({@code <db>/<name>.metadata.json},
 * format {@value MongoDumpDatastore#METADATA_FORMAT}) and, for a collection, its documents artifact
 * ({@code <db>/<name>.bson}, format {@value MongoDumpDatastore#BSON_FORMAT}): the raw BSON of every
 * document from a cursor read ahead on its own thread ({@link CursorPrefetch}), streamed untouched
 * into the artifact as it arrives. Both artifacts'
 * subject is the database; the metadata comes first in the manifest, its documents right after.
 */
final class CollectionDump {

    private static final Logger LOG = Logger.getLogger(CollectionDump.class);

    /** Documents per cursor batch (a real server also caps a batch at 16 MiB). */
    static final int BATCH_SIZE = 1000;

    private final MongoDatabase database;
    private final BsonDocument listed;

    /** @param listed the collection's {@code listCollections} entry */
    CollectionDump(MongoDatabase database, BsonDocument listed) {
        this.database = database;
        this.listed = listed;
    }

    /** Writes the artifacts, appends their records to {@code artifacts} and the count of documents written to {@code counts}. */
    void write(ArtifactSink sink, List<ArtifactRecord> artifacts, Map<String, Long> counts) throws IOException {
        String db = database.getName();
        String name = listed.getString("name").getValue();
        boolean view = CollectionMetadata.VIEW.equals(listed.getString("type", new BsonString("")).getValue());
        CollectionMetadata metadata = CollectionMetadata.of(listed,
                view ? List.of() : database.getCollection(name).listIndexes(BsonDocument.class).into(new ArrayList<>()));
        try (ArtifactOutput out = sink.create(DumpNames.metadataFile(db, name), db, MongoDumpDatastore.METADATA_FORMAT)) {
            out.write(metadata.toJson());
            artifacts.add(out.finish());
        }
        if (view) {
            return; // a view has no documents of its own (mongodump without --viewsAsCollections)
        }
        long started = System.nanoTime();
        long documents = 0;
        try (ArtifactOutput out = sink.create(DumpNames.bsonFile(db, name), db, MongoDumpDatastore.BSON_FORMAT);
                CursorPrefetch cursor = new CursorPrefetch(database.getCollection(name, RawBsonDocument.class), BATCH_SIZE, db + "." + name)) {
            for (CursorPrefetch.Chunk chunk; (chunk = cursor.next()) != null; ) {
                out.write(chunk.bytes(), 0, chunk.length());
                documents += chunk.documents();
            }
            ArtifactRecord record = out.finish();
            artifacts.add(record);
            counts.put(name, documents);
            LOG.debugf("collection '%s.%s': %d documents, %d bytes of BSON in %.1f s", db, name, documents, record.plainBytes(),
                    (System.nanoTime() - started) / 1e9);
        }
    }
}
