package org.lifeboat.datastore.postgres.pgbackrest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Reads {@code pgbackrest info --output=json}. pgBackRest exits 0 even when it cannot decrypt the
 * repository (the status says so) and 2.45 crashes when a restore meets a wrong passphrase, so
 * the status is checked here before a backup or restore relies on the repository.
 */
final class RepositoryInfo {

    /** pgBackRest puts the undecryptable bytes of a wrong passphrase into its messages, control characters included. */
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).build();
    /** pgBackRest's status codes that only mean "nothing there yet": missing stanza path, no backup, missing stanza data. */
    private static final java.util.Set<Integer> NOT_YET = java.util.Set.of(0, 1, 2, 3);

    private final JsonNode stanza;

    private RepositoryInfo(JsonNode stanza) {
        this.stanza = stanza;
    }

    /** The entry of {@code stanzaName}; throws if the repository cannot be read. */
    static RepositoryInfo parse(String infoJson, String stanzaName) throws IOException {
        JsonNode root = MAPPER.readTree(infoJson);
        for (JsonNode entry : root) {
            if (stanzaName.equals(entry.path("name").asText())) {
                RepositoryInfo info = new RepositoryInfo(entry);
                for (JsonNode repo : entry.path("repo")) {
                    int code = repo.path("status").path("code").asInt();
                    if (!NOT_YET.contains(code)) {
                        throw new IOException("the repository cannot be read: " + repo.path("status").path("message").asText());
                    }
                }
                return info;
            }
        }
        throw new IOException("stanza '" + stanzaName + "' is not in pgbackrest info");
    }

    /** Whether the stanza has yet to be created (its path or its info files are missing). */
    boolean needsStanza() {
        int code = stanza.path("status").path("code").asInt();
        return code == 1 || code == 3;
    }

    /** The newest backup: the one just made (pgBackRest runs one backup of a stanza at a time). */
    JsonNode newestBackup() throws IOException {
        JsonNode backups = stanza.path("backup");
        if (backups.isArray() && backups.size() > 0) {
            return backups.get(backups.size() - 1);
        }
        throw new IOException("stanza '" + stanza.path("name").asText() + "' has no backup: "
                + stanza.path("status").path("message").asText());
    }

    /** Throws unless backup {@code label} is still in the repository. */
    void requireBackup(String label) throws IOException {
        for (JsonNode backup : stanza.path("backup")) {
            if (label.equals(backup.path("label").asText())) {
                return;
            }
        }
        throw new IOException("backup " + label + " is no longer in the repository (expired by the retention settings?)");
    }
}
