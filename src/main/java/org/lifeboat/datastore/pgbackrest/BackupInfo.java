package org.lifeboat.datastore.pgbackrest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/**
 * The {@code pgbackrest-info.json} artifact: which pgBackRest backup a dated set stands for and
 * the restore point its row counts describe.
 *
 * @param stanza the stanza
 * @param label the backup's label, for example {@code 20261122-061133F_20261123-061210D}
 * @param type {@code full}, {@code diff} or {@code incr}
 * @param restorePoint the named restore point created right after the backup, where the counts were taken
 * @param restorePointLsn its LSN
 * @param backup the backup's entry in {@code pgbackrest info --output=json}: sizes, WAL start/stop, LSNs, times
 */
record BackupInfo(String stanza, String label, String type, String restorePoint, String restorePointLsn, JsonNode backup) {

    static final String FILE_NAME = "pgbackrest-info.json";
    static final String FORMAT = "pgbackrest-info-json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    byte[] toJson() throws IOException {
        return MAPPER.writeValueAsBytes(this);
    }

    static BackupInfo fromJson(byte[] json, String origin) throws IOException {
        try {
            BackupInfo info = MAPPER.readValue(json, BackupInfo.class);
            if (info.label() == null || info.restorePoint() == null) {
                throw new IOException("no label or restore point");
            }
            return info;
        } catch (IOException e) {
            throw new IOException("'" + origin + "' is not a pgBackRest backup record: " + e.getMessage(), e);
        }
    }

    /**
     * The newest backup in {@code pgbackrest info --output=json} for {@code stanza}: the one just
     * made (pgBackRest runs one backup of a stanza at a time).
     */
    static JsonNode newestBackup(String infoJson, String stanza) throws IOException {
        JsonNode root = MAPPER.readTree(infoJson);
        for (JsonNode entry : root) {
            if (stanza.equals(entry.path("name").asText())) {
                JsonNode backups = entry.path("backup");
                if (backups.isArray() && backups.size() > 0) {
                    return backups.get(backups.size() - 1);
                }
                throw new IOException("stanza '" + stanza + "' has no backup: " + entry.path("status").path("message").asText());
            }
        }
        throw new IOException("stanza '" + stanza + "' is not in pgbackrest info");
    }
}
