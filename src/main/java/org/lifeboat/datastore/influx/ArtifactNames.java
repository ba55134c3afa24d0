package org.lifeboat.datastore.influx;

import org.lifeboat.datastore.ArtifactFileNames;

/** File names for databases, and the scratch name a database is restored under before the swap. */
final class ArtifactNames {

    private ArtifactNames() {
    }

    /** {@code metrics} → {@code metrics.lp}; other characters than letters, digits, {@code -} and {@code _} are %-escaped. */
    static String lineProtocolFile(String database) {
        return ArtifactFileNames.of(database, ".lp");
    }

    /** The database a restore loads into and checks before the swap. */
    static String scratch(String database) {
        return database + "_lifeboat_restore";
    }
}
