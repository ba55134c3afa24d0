package org.lifeboat.datastore.minio;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The layout of one bucket's archive, a POSIX (PAX) tar that {@code tar -x} unpacks by hand:
 *
 * <pre>
 * _lifeboat/&lt;bucket&gt;/bucket.json          first: format, bucket settings saved and not saved
 * &lt;bucket&gt;/&lt;key&gt;                         each object's body, in listing order; content type,
 *                                      user metadata and standard headers as PAX records
 *                                      SCHILY.xattr.user.s3.* (GNU tar --xattrs restores them
 *                                      as user.s3.* extended attributes; plain tar -x ignores them)
 * _lifeboat/&lt;bucket&gt;/index-000001.jsonl    after every {@value #INDEX_CHUNK} objects and at the end:
 *                                      one line {"key","size","sha256"} per object since the
 *                                      previous index entry, in archive order
 * _lifeboat/&lt;bucket&gt;/summary.json          last: object and byte totals
 * </pre>
 *
 * The SHA-256 of a body is known only after it is streamed, so it follows the body in an index
 * entry; the index comes in chunks so neither backup nor restore holds more than
 * {@value #INDEX_CHUNK} objects' records in memory. {@code _lifeboat} can never be a bucket's
 * folder: bucket names have no underscore.
 */
final class BucketArchive {

    /** The artifact format recorded in the manifest. */
    static final String FORMAT = "s3-bucket-tar";
    /** The version of this layout, in {@code bucket.json}. */
    static final int LAYOUT_VERSION = 1;
    /** Objects per index entry. */
    static final int INDEX_CHUNK = 1000;

    static final String PAX_PREFIX = "SCHILY.xattr.user.s3.";
    static final String PAX_CONTENT_TYPE = PAX_PREFIX + "content-type";
    static final String PAX_META = PAX_PREFIX + "meta.";
    static final String PAX_HEADER = PAX_PREFIX + "header.";

    /** Standard object headers kept besides the content type. */
    static final java.util.List<String> KEPT_HEADERS = java.util.List.of("Cache-Control", "Content-Disposition",
            "Content-Encoding", "Content-Language");

    static final ObjectMapper JSON = new ObjectMapper();

    private BucketArchive() {
    }

    /** {@code photos.tar}: bucket names are already safe file names. */
    static String fileName(String bucket) {
        return bucket + ".tar";
    }

    static String objectEntry(String bucket, String key) {
        return bucket + "/" + key;
    }

    static String metaFolder(String bucket) {
        return "_lifeboat/" + bucket + "/";
    }

    static String settingsEntry(String bucket) {
        return metaFolder(bucket) + "bucket.json";
    }

    static String indexEntry(String bucket, int chunk) {
        return metaFolder(bucket) + String.format("index-%06d.jsonl", chunk);
    }

    static String summaryEntry(String bucket) {
        return metaFolder(bucket) + "summary.json";
    }

    /** One object's line in an index entry. */
    record IndexLine(String key, long size, String sha256) {
    }

    /** The last entry. */
    record Summary(String bucket, long objects, long bytes) {
    }
}
