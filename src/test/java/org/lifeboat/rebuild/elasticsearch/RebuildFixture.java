package org.lifeboat.rebuild.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.lifeboat.testing.ElasticsearchServer;
import org.lifeboat.testing.PostgresServer;

/** A PostgreSQL table of people, the index file for it, and the settings the rebuild takes. */
final class RebuildFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Strict mapping: a field of the wrong type or an unknown field is refused by the node. */
    static final String PEOPLE_INDEX = """
            {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
             "mappings": {"dynamic": "strict", "properties": {
               "name": {"type": "text"}, "email": {"type": "keyword"}, "age": {"type": "integer"},
               "generation": {"type": "integer"}}}}""";

    private RebuildFixture() {
    }

    /** {@code people(id, name, email, age)} with ids 1..rows in database {@code db} (created if missing). */
    static void createPeople(PostgresServer pg, String db, int rows) throws SQLException {
        if (!pg.databaseExists(db)) {
            pg.createDatabase(db);
        }
        pg.execute(db, "DROP TABLE IF EXISTS people; CREATE TABLE people (id int PRIMARY KEY, name text, email text, age text);"
                + "INSERT INTO people SELECT i, 'Person ' || i, 'p' || i || '@example.org', (20 + i % 50)::text"
                + " FROM generate_series(1, " + rows + ") i");
    }

    /** One JSON document per person, tagged with {@code generation}, in id order. */
    static String peopleQuery(int generation) {
        return "SELECT id, json_build_object('name', name, 'email', email, 'age', age, 'generation', " + generation
                + ")::text FROM people ORDER BY id";
    }

    static PostgresQuerySettings postgres(PostgresServer pg, String db, String query) {
        return new PostgresQuerySettings(pg.host(), pg.port(), pg.superuser(), pg.passwordFile(), db, query, null, 100);
    }

    static BulkIndexSettings bulk(String alias, DocumentSourceSettings source, Path indexFile, boolean keepOld) {
        return new BulkIndexSettings(alias, source, indexFile, 0, 0, null, keepOld);
    }

    static ElasticsearchSettings settings(ElasticsearchServer es) {
        return ElasticsearchSettings.of(es.url());
    }

    static Path write(Path dir, String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port nothing listens on (free a moment ago). */
    static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** The document count of {@code index} (an alias or index), as the node says after a refresh. */
    static long count(ElasticsearchServer es, String index) {
        es.call("POST", "/" + index + "/_refresh", null);
        return json(es.call("GET", "/" + index + "/_count", null)).get("count").asLong();
    }

    /** The source of document {@code id} in {@code index}. */
    static JsonNode source(ElasticsearchServer es, String index, String id) {
        return json(es.call("GET", "/" + index + "/_doc/" + id, null)).get("_source");
    }
}
