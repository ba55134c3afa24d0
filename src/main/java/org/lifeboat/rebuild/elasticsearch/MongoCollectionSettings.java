package org.lifeboat.rebuild.elasticsearch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Documents from a MongoDB collection: each document's {@code _id} is the Elasticsearch id, the
 * rest its source (BSON types as plain JSON: dates as ISO-8601 text, ObjectIds as hex text,
 * 64-bit integers as numbers, decimals as text).
 *
 * @param connectionString {@code mongodb://host:port/?options} without credentials (refused if it holds any)
 * @param user the user to authenticate as, or {@code null} for none
 * @param passwordFile the password on the first line of a 0600 file, or {@code null}
 * @param authDatabase where the user is defined ({@code admin} if {@code null})
 * @param database the restored database
 * @param collection the collection
 * @param batchSize documents per cursor batch ({@code 1000} if 0): memory holds at most this many
 */
public record MongoCollectionSettings(
        String connectionString,
        String user,
        Path passwordFile,
        String authDatabase,
        String database,
        String collection,
        int batchSize) implements DocumentSourceSettings {

    public MongoCollectionSettings {
        Objects.requireNonNull(connectionString, "connectionString");
        authDatabase = authDatabase == null || authDatabase.isBlank() ? "admin" : authDatabase;
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(collection, "collection");
        batchSize = batchSize == 0 ? 1000 : batchSize;
        if (batchSize < 0) {
            throw new IllegalArgumentException("batch-size must be positive, not " + batchSize);
        }
    }
}
