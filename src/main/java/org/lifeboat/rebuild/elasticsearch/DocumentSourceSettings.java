package org.lifeboat.rebuild.elasticsearch;

/**
 * Where the documents of an index come from after a restore: the rows of a PostgreSQL query
 * ({@link PostgresQuerySettings}) or the documents of a MongoDB collection ({@link MongoCollectionSettings}).
 */
public sealed interface DocumentSourceSettings permits PostgresQuerySettings, MongoCollectionSettings {
}
