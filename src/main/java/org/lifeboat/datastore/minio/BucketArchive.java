package org.lifeboat.datastore.minio;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The layout of one bucket's archive, a POSIX (PAX) tar that {@code tar -x} unpacks by hand:
 *
 * <pre>
 * _lifeboat/&lt;bucket&gt;/bucket.json          first: format, bucket settings saved and not saved
 * &lt;bucket&gt;/&lt;path&gt;                        each object's body, in listing order, at the path
 *                                      {@link ObjectPaths} gives its key (the key itself unless it
 *                                      has an unsafe segment or is the start of other keys);
 *                                      PAX records SCHILY.xattr.user.s3.object (the exact key,
 *                                      headers and user metadata as JSON, what a restore reads)
 *                                      and, for people, SCHILY.xattr.user.s3.content-type,
 *                                      .header.&lt;name&gt;, .meta.&lt;name&gt; (non-empty UTF-8 values only).
 *                                      GNU tar --xattrs restores them as user.s3.* attributes;
 *                                      plain tar -x ignores them
 * _lifeboat/&lt;bucket&gt;/index-000001.jsonl    after every {@value #INDEX_CHUNK} objects and at the end:
 *                                      one line {"key","size","sha256"} per object since the
 *                                      previous index entry, in archive order, with "file" (the
 *                                      path) where it is not the key
 * _lifeboat/&lt;bucket&gt;/summary.json          last: object and byte totals
 * </pre>
 *
 * The SHA-256 of a body is known only after it is streamed, so it follows the body in an index
 * entry; the index comes in chunks so neither backup nor restore holds more than
 * {@value #INDEX_CHUNK} objects' records in memory. {@code _lifeboat} can never be a bucket's
 * folder: bucket names have no underscore. Layout 1 (before the object record) is still read:
 * there the path is the key.
 */
final class BucketArchive {

    /** The artifact format recorded in the manifest. */
    static final String FORMAT = "s3-bucket-tar";
    /** The version of this layout, in {@code bucket.json}. */
    static final int LAYOUT_VERSION = 2;
    /** The first layout, still read: no object record, the path is the key. */
    static final int LAYOUT_KEY_IS_PATH = 1;
    /** Objects per index entry. */
    static final int INDEX_CHUNK = 1000;

    static final String PAX_PREFIX = "SCHILY.xattr.user.s3.";
    static final String PAX_CONTENT_TYPE = PAX_PREFIX + "content-type";
    static final String PAX_META = PAX_PREFIX + "meta.";
    static final String PAX_HEADER = PAX_PREFIX + "header.";
    static final String PAX_OBJECT = PAX_PREFIX + "object";

    static final ObjectMapper JSON = new ObjectMapper();

    private BucketArchive() {
    }

    /** {@code photos.tar}: bucket names are already safe file names. */
    static String fileName(String bucket) {
        return bucket + ".tar";
    }

    static String objectEntry(String bucket, String path) {
        return bucket + "/" + path;
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

    /**
     * One object's line in an index entry.
     *
     * @param file its path in the archive, or null where that is the key
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record IndexLine(String key, long size, String sha256, String file) {
    }

    /** The object record: the exact key, headers and user metadata. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    record ObjectRecord(String key, java.util.Map<String, String> headers, java.util.Map<String, String> metadata,
            java.util.Map<String, String> latin1) {

        static ObjectRecord of(String key, ObjectHeaders described) {
            return new ObjectRecord(key, described.headers(), described.metadata(), described.latin1());
        }

        ObjectHeaders described() {
            return new ObjectHeaders(headers, metadata, latin1);
        }
    }

    /** The last entry. */
    record Summary(String bucket, long objects, long bytes) {
    }
}
