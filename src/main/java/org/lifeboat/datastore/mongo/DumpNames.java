package org.lifeboat.datastore.mongo;

import java.nio.charset.StandardCharsets;

/**
 * Names of artifacts, tar entries and temporary collections. Database and collection names may hold
 * characters a file name cannot ({@code /}); file names keep letters, digits, {@code . - _} and
 * percent-escape every other byte of the UTF-8 form, which mongorestore's unescaping reads back.
 */
final class DumpNames {

    /** MongoDB 4.4+'s limit for {@code database.collection}, in bytes. */
    private static final int NAMESPACE_LIMIT = 255;
    static final String RESTORE_SUFFIX = "__lifeboat_restore";
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
        String name = collection + RESTORE_SUFFIX;
        if ((database + "." + name).getBytes(StandardCharsets.UTF_8).length <= NAMESPACE_LIMIT) {
            return name;
        }
        return "lifeboat_" + Integer.toHexString(collection.hashCode()) + "_" + collection.length() + RESTORE_SUFFIX;
    }

    static boolean isTemporary(String collection) {
        return collection.endsWith(RESTORE_SUFFIX);
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
