package org.lifeboat.datastore.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

/**
 * Loads one collection (or view) into its temporary name: created with its recorded options
 * (validator, collation, capped size; for a view {@code viewOn} and {@code pipeline}) as
 * mongorestore does, documents inserted in batches without validation (they were valid when they
 * were written), then its indexes built.
 */
final class CollectionLoad {

    private static final int BATCH_DOCUMENTS = 1000;
    private static final long BATCH_BYTES = 8L * 1024 * 1024;

    private final MongoDatabase database;
    private final CollectionMetadata metadata;
    private final String temporary;

    CollectionLoad(MongoDatabase database, CollectionMetadata metadata) {
        this.database = database;
        this.metadata = metadata;
        this.temporary = DumpNames.temporary(database.getName(), metadata.name());
    }

    String temporary() {
        return temporary;
    }

    /** Drops a leftover of an earlier restore, then creates the temporary collection or view. */
    void create() {
        database.getCollection(temporary).drop();
        BsonDocument create = new BsonDocument("create", new BsonString(temporary));
        create.putAll(metadata.options());
        database.runCommand(create);
    }

    /** Inserts every document of {@code bson} (read to its end, not closed); returns how many. */
    long insert(InputStream bson, String entry) throws IOException {
        MongoCollection<RawBsonDocument> collection = database.getCollection(temporary, RawBsonDocument.class);
        InsertManyOptions options = new InsertManyOptions().ordered(true).bypassDocumentValidation(true);
        BsonDocumentReader reader = new BsonDocumentReader(bson, entry);
        List<RawBsonDocument> batch = new ArrayList<>(BATCH_DOCUMENTS);
        long bytes = 0;
        long count = 0;
        for (RawBsonDocument document; (document = reader.next()) != null; ) {
            batch.add(document);
            bytes += document.getByteBuffer().remaining();
            count++;
            if (batch.size() >= BATCH_DOCUMENTS || bytes >= BATCH_BYTES) {
                collection.insertMany(batch, options);
                batch.clear();
                bytes = 0;
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch, options);
        }
        return count;
    }

    /** Builds the recorded indexes but {@code _id_}, which {@code create} made. */
    void buildIndexes() {
        BsonArray specs = new BsonArray();
        for (BsonDocument index : metadata.indexes()) {
            if (!"_id_".equals(index.getString("name", new BsonString("")).getValue())) {
                specs.add(index);
            }
        }
        if (!specs.isEmpty()) {
            database.runCommand(new BsonDocument("createIndexes", new BsonString(temporary)).append("indexes", specs));
        }
    }

    /** Documents in the temporary collection. */
    long count() {
        return database.getCollection(temporary).countDocuments();
    }
}
