package org.lifeboat.datastore.mongo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.lifeboat.datastore.SwapNames;

/**
 * Names of artifacts, of the earlier format's tar entries and of Lifeboat's own collections beside the
 * live ones (temporary, aside and kept copies; each within MongoDB's 255-byte namespace limit).
 *
 * <p>A file name is built as mongodump builds it (mongo-tools {@code outputPath}): the name is
 * escaped like Go's {@code url.PathEscape} (letters, digits and {@code - _ . ~ $ & + : = @} stay;
 * every other byte of the UTF-8 form, {@code /} and space among them, becomes {@code %XX}), which
 * mongorestore's {@code url.PathUnescape} reads back. mongodump cuts an escaped collection name
 * longer than 238 bytes to its first 208, then {@code %24} and the unpadded base64url SHA-1 of the
 * name (the whole name stays in the metadata's {@code collectionName}); the same is done here from
 * 211 bytes on (cut to 181), since the stored name adds {@code .zst.age} and the store's
 * temporary name {@code .<name>.tmp-<16 hex>} while it is written, and all must fit in 255. The
 * database folder is escaped the same way (mongodump uses the name as it is; a real database name
 * of letters, digits, {@code -} and {@code _} is the same either way).
 *
 * <p>The earlier single-tar format ({@link #archiveFile}, {@link #bsonEntry}) kept only letters,
 * digits and {@code . - _}; those names are kept to read old sets.
 */
final class DumpNames {

    /** MongoDB 4.4+'s limit for {@code database.collection}, in bytes. */
    private static final int NAMESPACE_LIMIT = 255;
    /**
     * The longest escaped collection name kept whole: 255 bytes less the longest suffix
     * ({@code .metadata.json.zst.age}, 22) and the temporary name's additions (22). mongodump's is
     * 238 (255 less {@code .metadata.json.gz}).
     */
    private static final int FILE_STEM_LIMIT = 211;
    /** What is kept of a longer one: with {@code %24} and 27 characters of hash, it is {@value #FILE_STEM_LIMIT} long. */
    private static final int FILE_STEM_KEPT = 181;
    private static final String LONG_NAME_MARK = "%24";
    static final String RESTORE_SUFFIX = "__lifeboat_restore";
    static final String METADATA_SUFFIX = ".metadata.json";
    static final String BSON_SUFFIX = ".bson";

    private DumpNames() {
    }

    /** {@code app}, {@code users} → {@code app/users.metadata.json}: the metadata artifact's file. */
    static String metadataFile(String database, String collection) {
        return pathEscape(database) + "/" + fileStem(collection) + METADATA_SUFFIX;
    }

    /** {@code app}, {@code users} → {@code app/users.bson}: the documents artifact's file. */
    static String bsonFile(String database, String collection) {
        return pathEscape(database) + "/" + fileStem(collection) + BSON_SUFFIX;
    }

    /** The collection's file name without its suffix, as mongodump makes it. */
    static String fileStem(String collection) {
        String escaped = pathEscape(collection);
        if (escaped.length() <= FILE_STEM_LIMIT) {
            return escaped;
        }
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(collection.getBytes(StandardCharsets.UTF_8));
            return escaped.substring(0, FILE_STEM_KEPT) + LONG_NAME_MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** Go's {@code url.PathEscape}: what mongodump applies to a collection name. */
    static String pathEscape(String name) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_.~$&+:=@".indexOf(c) >= 0) {
                escaped.append(c);
            } else {
                escaped.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return escaped.toString();
    }

    /** The earlier format: {@code app} → {@code app.tar}. */
    static String archiveFile(String database) {
        return escape(database) + ".tar";
    }

    /** The earlier format's tar entry {@code app/users.bson}. */
    static String bsonEntry(String database, String collection) {
        return escape(database) + "/" + escape(collection) + BSON_SUFFIX;
    }

    /** The names of a swap ({@link SwapNames}) for the collections of {@code database}, within MongoDB's 255-byte namespaces. */
    static SwapNames swapNames(String database) {
        return new SwapNames((collection, suffix) -> withSuffix(database, collection, suffix), RESTORE_SUFFIX, null);
    }

    /** For what a name alone tells, whatever its database. */
    private static final SwapNames ANY = swapNames("");

    /** The temporary collection a restore loads {@code collection} into before the swap. */
    static String temporary(String database, String collection) {
        return swapNames(database).scratch(collection);
    }

    static boolean isTemporary(String collection) {
        return ANY.isScratch(collection);
    }

    /** The name a swap moves live {@code collection} to until the restore commits or rolls back: {@code <collection>__lifeboat_aside_<stamp>}. */
    static String aside(String database, String collection, String stamp) {
        return swapNames(database).aside(collection, stamp);
    }

    /** The name a committed restore keeps the replaced {@code collection} under with keep-replaced: {@code <collection>__lifeboat_kept_<stamp>}. */
    static String kept(String database, String collection, String stamp) {
        return swapNames(database).kept(collection, stamp);
    }

    /** The name a commit gives an aside copy before it drops it. */
    static String done(String database, String collection, String stamp) {
        return swapNames(database).done(collection, stamp);
    }

    /** Whether {@code name} is live data a swap moved aside and nobody committed or put back. */
    static boolean isAside(String name) {
        return ANY.isAside(name);
    }

    /** Whether {@code name} is a copy a committed restore kept with keep-replaced. */
    static boolean isKept(String name) {
        return ANY.isKept(name);
    }

    /** Whether {@code name} is one of Lifeboat's own: a temporary, aside, done or kept collection. */
    static boolean isLifeboats(String name) {
        return ANY.isLifeboats(name);
    }

    /** {@code collection + suffix}, or where the namespace would pass its limit a name made of a hash of it. */
    private static String withSuffix(String database, String collection, String suffix) {
        String name = collection + suffix;
        if ((database + "." + name).getBytes(StandardCharsets.UTF_8).length <= NAMESPACE_LIMIT) {
            return name;
        }
        return "lifeboat_" + Integer.toHexString(collection.hashCode()) + "_" + collection.length() + suffix;
    }

    /** The earlier format's escape: letters, digits and {@code . - _} stay, every other byte is {@code %XX}. */
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
