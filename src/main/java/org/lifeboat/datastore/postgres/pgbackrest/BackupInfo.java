package org.lifeboat.datastore.postgres.pgbackrest;

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
}
