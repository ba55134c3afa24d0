package org.lifeboat.rebuild.elasticsearch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Documents from the rows of a PostgreSQL query.
 *
 * @param host the restored server
 * @param port its port ({@code 5432} if 0)
 * @param user the user to log in as (read access to the query's tables is enough)
 * @param passwordFile the password on the first line of a 0600 file, or {@code null} for none
 * @param database the database the query runs in
 * @param query returns two columns per document: the id (any type, as text) and the document
 *     ({@code json}, {@code jsonb} or text holding one JSON object), for example
 *     {@code SELECT id, to_jsonb(p) - 'id' FROM people p}
 * @param countQuery returns one number: how many documents the query gives, for the hook mode's
 *     check; {@code null}: {@code SELECT count(*) FROM (<query>) q}
 * @param fetchSize rows fetched per round trip through a server-side cursor ({@code 1000} if 0):
 *     memory holds at most this many rows
 */
public record PostgresQuerySettings(
        String host,
        int port,
        String user,
        Path passwordFile,
        String database,
        String query,
        String countQuery,
        int fetchSize) implements DocumentSourceSettings {

    public PostgresQuerySettings {
        Objects.requireNonNull(host, "host");
        port = port == 0 ? 5432 : port;
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(query, "query");
        fetchSize = fetchSize == 0 ? 1000 : fetchSize;
        if (fetchSize < 0) {
            throw new IllegalArgumentException("fetch-size must be positive, not " + fetchSize);
        }
    }

    /** {@code postgres query on postgresql://user@host:port/database}. */
    public String describe() {
        return "postgres query on postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
}
