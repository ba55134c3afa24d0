package org.lifeboat.datastore.influx;

import java.nio.charset.StandardCharsets;

/** File names for databases, and the scratch name a database is restored under before the swap. */
final class ArtifactNames {

    private ArtifactNames() {
    }

    /** {@code metrics} → {@code metrics.lp}; other characters than letters, digits, {@code -} and {@code _} are %-escaped. */
    static String lineProtocolFile(String database) {
        StringBuilder name = new StringBuilder();
        for (byte b : database.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                name.append(c);
            } else {
                name.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return name + ".lp";
    }

    /** The database a restore loads into and checks before the swap. */
    static String scratch(String database) {
        return database + "_lifeboat_restore";
    }
}
