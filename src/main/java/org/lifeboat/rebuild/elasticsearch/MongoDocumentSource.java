package org.lifeboat.rebuild.elasticsearch;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.lifeboat.rebuild.SecretFiles;

/**
 * The documents of a MongoDB collection. The cursor reads {@code batchSize} documents per round
 * trip as raw BSON, so memory holds one batch. {@code _id} becomes the Elasticsearch id (an
 * ObjectId as its hex text, a string as is, a number as its decimal text) and is left out of the
 * source: Elasticsearch refuses a {@code _id} field inside a document.
 */
final class MongoDocumentSource implements DocumentSource {

    /** Plain JSON for Elasticsearch: no {@code $date}, {@code $oid} or {@code $numberLong} wrappers. */
    static final JsonWriterSettings PLAIN_JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED)
            .dateTimeConverter((millis, writer) -> writer.writeString(Instant.ofEpochMilli(millis).toString()))
            .objectIdConverter((id, writer) -> writer.writeString(id.toHexString()))
            .int64Converter((value, writer) -> writer.writeNumber(Long.toString(value)))
            .decimal128Converter((value, writer) -> writer.writeString(value.toString()))
            .build();

    private final MongoCollectionSettings settings;

    MongoDocumentSource(MongoCollectionSettings settings) {
        this.settings = settings;
    }

    @Override
    public String describe() {
        return "mongo collection " + settings.database() + "." + settings.collection() + " on " + address();
    }

    @Override
    public long read(Sink sink) throws IOException {
        long count = 0;
        try (MongoClient client = connect();
                MongoCursor<BsonDocument> cursor = collection(client).find().batchSize(settings.batchSize()).iterator()) {
            while (cursor.hasNext()) {
                BsonDocument document = cursor.next();
                BsonValue id = document.get("_id");
                if (id == null) {
                    throw new IOException("document " + (count + 1) + " of " + describe() + " has no _id");
                }
                document.remove("_id");
                sink.accept(idText(id), document.toJson(PLAIN_JSON).getBytes(StandardCharsets.UTF_8));
                count++;
            }
        } catch (MongoException e) {
            throw new IOException("reading " + describe() + " failed after " + count + " documents: " + e.getMessage(), e);
        }
        return count;
    }

    @Override
    public long count() throws IOException {
        try (MongoClient client = connect()) {
            return collection(client).countDocuments();
        } catch (MongoException e) {
            throw new IOException("counting " + describe() + " failed: " + e.getMessage(), e);
        }
    }

    private MongoCollection<BsonDocument> collection(MongoClient client) {
        return client.getDatabase(settings.database()).getCollection(settings.collection(), BsonDocument.class);
    }

    static String idText(BsonValue id) {
        if (id.isObjectId()) {
            return id.asObjectId().getValue().toHexString();
        }
        if (id.isString()) {
            return id.asString().getValue();
        }
        if (id.isInt32()) {
            return Integer.toString(id.asInt32().getValue());
        }
        if (id.isInt64()) {
            return Long.toString(id.asInt64().getValue());
        }
        return new BsonDocument("v", id).toJson(PLAIN_JSON); // other types: their JSON, stable and unique
    }

    private MongoClient connect() throws IOException {
        ConnectionString connection;
        try {
            connection = new ConnectionString(settings.connectionString());
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid MongoDB connection string '" + address() + "'", e);
        }
        if (connection.getCredential() != null) {
            throw new IOException("the MongoDB connection string '" + address() + "' holds credentials: give user and password-file instead");
        }
        MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(connection).applicationName("lifeboat");
        if (connection.getServerSelectionTimeout() == null) {
            builder.applyToClusterSettings(c -> c.serverSelectionTimeout(15, TimeUnit.SECONDS));
        }
        if (settings.user() != null) {
            String password = settings.passwordFile() == null ? "" : SecretFiles.firstLine(settings.passwordFile());
            builder.credential(MongoCredential.createCredential(settings.user(), settings.authDatabase(), password.toCharArray()));
        }
        return MongoClients.create(builder.build());
    }

    /** The connection string's hosts only: {@code mongodb://host:port}, never credentials or options. */
    private String address() {
        String s = settings.connectionString().replaceFirst("//[^/@]*@", "//");
        int options = s.indexOf('/', s.indexOf("//") + 2);
        return options < 0 ? s : s.substring(0, options);
    }
}
