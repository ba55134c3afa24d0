package org.lifeboat.datastore.postgres;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code databases.json} artifact of a dump set: the {@link DatabaseProperties} of every dumped
 * database, as {@code {"databases": {"<name>": {"<key>": "<value>", …}, …}}}, written before the
 * dumps and read by the restore before it creates any scratch database. Sets written before it
 * existed lack it; their restore says what it cannot carry.
 */
final class DatabasePropertiesFile {

    static final String FILE_NAME = "databases.json";
    static final String FORMAT = "postgres-databases-json";
    static final String SUBJECT = "database properties";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private DatabasePropertiesFile() {
    }

    static byte[] toJson(Map<String, DatabaseProperties> databases) throws IOException {
        Map<String, Map<String, String>> plain = new TreeMap<>();
        databases.forEach((name, properties) -> plain.put(name, properties.facts()));
        return MAPPER.writeValueAsBytes(Map.of("databases", plain));
    }

    static Map<String, DatabaseProperties> fromJson(byte[] json, String origin) throws IOException {
        try {
            Map<String, Map<String, Map<String, String>>> root = MAPPER.readValue(json, new TypeReference<>() { });
            Map<String, Map<String, String>> plain = root.get("databases");
            if (plain == null) {
                throw new IOException("no \"databases\" object");
            }
            Map<String, DatabaseProperties> databases = new LinkedHashMap<>();
            plain.forEach((name, facts) -> databases.put(name, new DatabaseProperties(new TreeMap<>(facts))));
            return databases;
        } catch (IOException e) {
            throw new IOException("'" + origin + "' is not a database properties record: " + e.getMessage(), e);
        }
    }
}
