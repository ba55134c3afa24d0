/**
 * What both PostgreSQL modes share: how to reach one server without putting its password in a
 * URL or an argument list ({@link org.lifeboat.datastore.postgres.server.PostgresEndpoint}), and
 * how its databases are listed and their rows counted
 * ({@link org.lifeboat.datastore.postgres.server.PostgresRowCounts}).
 */
package org.lifeboat.datastore.postgres.server;
