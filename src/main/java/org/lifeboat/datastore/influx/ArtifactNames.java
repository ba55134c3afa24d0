package org.lifeboat.datastore.influx;

import java.nio.charset.StandardCharsets;
import org.lifeboat.datastore.ArtifactFileNames;
import org.lifeboat.datastore.SwapStamp;

/**
 * File names for databases, and the databases of Lifeboat's own on a restore target: the scratch
 * database a restore loads into ({@code <db>_lifeboat_restore}), the copy of a live database a swap
 * keeps aside ({@code <db>_lifeboat_aside_<stamp>}), and the marker database of a swap not yet
 * committed or rolled back ({@code _lifeboat_swap_<stamp>}, its journal). A name that would pass
 * {@value #NAME_LIMIT} bytes is cut and given a hash of the whole name.
 */
final class ArtifactNames {

    /** InfluxDB sets no limit on database names; Lifeboat's own stay within this many bytes. */
    private static final int NAME_LIMIT = 200;
    private static final String ASIDE = "_lifeboat_aside_";
    private static final String MARKER = "_lifeboat_swap_";

    private ArtifactNames() {
    }

    /** {@code metrics} → {@code metrics.lp}; other characters than letters, digits, {@code -} and {@code _} are %-escaped. */
    static String lineProtocolFile(String database) {
        return ArtifactFileNames.of(database, ".lp");
    }

    /** The database a restore loads into and checks before the swap. */
    static String scratch(String database) {
        return withSuffix(database, "_lifeboat_restore");
    }

    /** Where the swap of {@code stamp} keeps a copy of live {@code database} until the restore commits or rolls back. */
    static String aside(String database, String stamp) {
        return withSuffix(database, ASIDE + stamp);
    }

    /** The marker database of the swap of {@code stamp}. */
    static String marker(String stamp) {
        return MARKER + stamp;
    }

    static boolean isAside(String database) {
        int at = database.lastIndexOf(ASIDE);
        return at > 0 && SwapStamp.is(database.substring(at + ASIDE.length()));
    }

    static boolean isMarker(String database) {
        return database.startsWith(MARKER) && SwapStamp.is(database.substring(MARKER.length()));
    }

    /** The stamp of an aside or marker database. */
    static String stampOf(String database) {
        return database.substring(database.length() - SwapStamp.LENGTH);
    }

    private static String withSuffix(String database, String suffix) {
        String name = database + suffix;
        if (name.getBytes(StandardCharsets.UTF_8).length <= NAME_LIMIT) {
            return name;
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < database.length() && prefix.toString().getBytes(StandardCharsets.UTF_8).length < 100; ) {
            int codePoint = database.codePointAt(i);
            prefix.appendCodePoint(codePoint);
            i += Character.charCount(codePoint);
        }
        return prefix + "_" + Integer.toHexString(database.hashCode()) + suffix;
    }
}
