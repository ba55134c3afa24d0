package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.ArtifactFileNames;
import java.nio.charset.StandardCharsets;

/**
 * File names for databases and the scratch names used while restoring. Database names may hold
 * any character; file names keep letters, digits, {@code -} and {@code _} and escape the rest.
 */
final class ArtifactNames {

    /** PostgreSQL's identifier limit in bytes. */
    private static final int NAME_LIMIT = 63;

    private ArtifactNames() {
    }

    /** {@code app} → {@code app.dump}; {@code my db} → {@code my%20db.dump}. */
    static String dumpFile(String database) {
        return ArtifactFileNames.of(database, ".dump");
    }

    /** The database a restore loads into before the swap. */
    static String scratch(String database) {
        return withSuffix(database, "_lifeboat_restore");
    }

    /** The name the live database is moved to during the swap, until it is dropped. */
    static String previous(String database) {
        return withSuffix(database, "_lifeboat_previous");
    }

    private static String withSuffix(String database, String suffix) {
        String name = database + suffix;
        if (name.getBytes(StandardCharsets.UTF_8).length <= NAME_LIMIT) {
            return name;
        }
        String hash = Integer.toHexString(database.hashCode());
        String prefix = database.substring(0, Math.min(database.length(), 20));
        return prefix + "_" + hash + suffix;
    }
}
