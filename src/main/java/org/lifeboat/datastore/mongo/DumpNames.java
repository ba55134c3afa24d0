package org.lifeboat.datastore.mongo;

import java.nio.charset.StandardCharsets;
import org.lifeboat.datastore.SwapStamp;

/**
 * Names of artifacts, tar entries and Lifeboat's own collections beside the live ones (temporary,
 * aside and kept copies; each within MongoDB's 255-byte namespace limit). Database and collection names may hold
 * characters a file name cannot ({@code /}); file names keep letters, digits, {@code . - _} and
 * percent-escape every other byte of the UTF-8 form, which mongorestore's unescaping reads back.
 */
final class DumpNames {

    /** MongoDB 4.4+'s limit for {@code database.collection}, in bytes. */
    private static final int NAMESPACE_LIMIT = 255;
    static final String RESTORE_SUFFIX = "__lifeboat_restore";
    private static final String ASIDE = "__lifeboat_aside_";
    private static final String KEPT = "__lifeboat_kept_";
    static final String METADATA_SUFFIX = ".metadata.json";
    static final String BSON_SUFFIX = ".bson";

    private DumpNames() {
    }

    /** {@code app} → {@code app.tar}. */
    static String archiveFile(String database) {
        return escape(database) + ".tar";
    }

    /** {@code app/users.metadata.json}. */
    static String metadataEntry(String database, String collection) {
        return escape(database) + "/" + escape(collection) + METADATA_SUFFIX;
    }

    /** {@code app/users.bson}. */
    static String bsonEntry(String database, String collection) {
        return escape(database) + "/" + escape(collection) + BSON_SUFFIX;
    }

    /** The temporary collection a restore loads {@code collection} into before the swap. */
    static String temporary(String database, String collection) {
        return withSuffix(database, collection, RESTORE_SUFFIX);
    }

    static boolean isTemporary(String collection) {
        return collection.endsWith(RESTORE_SUFFIX);
    }

    /** The name a swap moves live {@code collection} to until the restore commits or rolls back: {@code <collection>__lifeboat_aside_<stamp>}. */
    static String aside(String database, String collection, String stamp) {
        return withSuffix(database, collection, ASIDE + stamp);
    }

    /** The name a committed restore keeps the replaced {@code collection} under with keep-replaced: {@code <collection>__lifeboat_kept_<stamp>}. */
    static String kept(String database, String collection, String stamp) {
        return withSuffix(database, collection, KEPT + stamp);
    }

    /** Whether {@code name} is live data a swap moved aside and nobody committed or put back. */
    static boolean isAside(String name) {
        int at = name.lastIndexOf(ASIDE);
        return at > 0 && SwapStamp.is(name.substring(at + ASIDE.length()));
    }

    /** Whether {@code name} is a copy a committed restore kept with keep-replaced. */
    static boolean isKept(String name) {
        int at = name.lastIndexOf(KEPT);
        return at > 0 && SwapStamp.is(name.substring(at + KEPT.length()));
    }

    /** Whether {@code name} is one of Lifeboat's own: a temporary, aside or kept collection. */
    static boolean isLifeboats(String name) {
        return isTemporary(name) || name.contains(ASIDE) || name.contains(KEPT);
    }

    /** {@code collection + suffix}, or where the namespace would pass its limit a name made of a hash of it. */
    private static String withSuffix(String database, String collection, String suffix) {
        String name = collection + suffix;
        if ((database + "." + name).getBytes(StandardCharsets.UTF_8).length <= NAMESPACE_LIMIT) {
            return name;
        }
        return "lifeboat_" + Integer.toHexString(collection.hashCode()) + "_" + collection.length() + suffix;
    }

    static String escape(String name) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
                escaped.append(c);
            } else {
                escaped.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return escaped.toString();
    }
}
