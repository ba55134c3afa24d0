package org.lifeboat.rebuild.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The settings/mapping file of an index: the body of {@code PUT /<index>} as the operator would
 * send it with curl. It is sent as is; read here only to refuse what Lifeboat must own.
 */
final class IndexFile {

    private static final Set<String> ALLOWED = Set.of("settings", "mappings");

    private IndexFile() {
    }

    /**
     * The file's bytes, checked: one JSON object whose keys are {@code settings} and/or {@code mappings}.
     *
     * @throws IOException naming the file: missing, not JSON, or with {@code aliases} (the swap
     *     would be bypassed: the new index would be searchable while half-built) or another key
     */
    static byte[] read(Path file) throws IOException {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("index file '" + file + "' does not exist", e);
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new IOException("index file '" + file + "' is not JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IOException("index file '" + file + "' is not a JSON object with settings and mappings");
        }
        for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!ALLOWED.contains(key)) {
                throw new IOException("index file '" + file + "' has '" + key + "'; only settings and mappings are allowed"
                        + ("aliases".equals(key) ? " (Lifeboat sets the alias after the rebuild is checked)" : ""));
            }
        }
        return body;
    }
}
