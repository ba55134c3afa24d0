package org.lifeboat.datastore.minio;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.lifeboat.datastore.BodyRecord;

/**
 * The index of one bucket in {@code rsync} mode: what the bucket held at the set's date, as JSON
 * lines (UTF-8), in ascending UTF-8 key order, as S3 lists:
 *
 * <pre>
 * {"layout":1,"bucket":"photos","mirror":"minio-mirror","settings":{…}}        first
 * {"key":"a/b.jpg","size":5,"etag":"…","modified":"2026-11-22T01:02:03Z",
 *  "headers":{"Content-Type":"image/jpeg"},"metadata":{"owner":"ops"},
 *  "body":{"name":"…","plainBytes":5,"plainSha256":"…","storedBytes":…,"storedSha256":"…"}}   one per object
 *  (+ "file": the path to write it at by hand, where that is not the key ({@link ObjectPaths});
 *   + "latin1": header values whose bytes are no UTF-8 ({@link ObjectHeaders}))
 * {"summary":{"objects":1,"bytes":5}}                                         last
 * </pre>
 *
 * Each object's body is the mirror file {@code <mirror>/<name[0:2]>/<name>.zst.age} (zstd inside
 * age). The index is what a restore of that date reads, and what the next backup compares the
 * bucket's listing with, so that unchanged objects are not read again.
 */
final class MirrorIndex {

    /** The artifact format recorded in the manifest. */
    static final String FORMAT = "s3-mirror-index";
    static final int LAYOUT_VERSION = 1;

    private MirrorIndex() {
    }

    /** {@code photos.index.jsonl}. */
    static String fileName(String bucket) {
        return bucket + ".index.jsonl";
    }

    /**
     * One object.
     *
     * @param etag without quotes, or null
     * @param modified ISO-8601 instant, or null
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Entry(String key, long size, String etag, String modified, Map<String, String> headers,
            Map<String, String> metadata, BodyRecord body, String file, Map<String, String> latin1) {

        Entry(String key, long size, String etag, String modified, ObjectHeaders described, BodyRecord body) {
            this(key, size, etag, modified, described.headers(), described.metadata(), body, null,
                    described.latin1().isEmpty() ? null : described.latin1());
        }

        /** The headers and metadata to write the object back with. */
        ObjectHeaders described() {
            return new ObjectHeaders(headers, metadata, latin1);
        }

        /** The path to write it at by hand: {@link #file} if set, else the key. */
        String path() {
            return file == null ? key : file;
        }

        Entry withFile(String path) {
            return new Entry(key, size, etag, modified, headers, metadata, body, path.equals(key) ? null : path, latin1);
        }

        /** Whether a listing's {@code size}, {@code etag} and {@code modified} describe this same object. */
        boolean sameAs(long otherSize, String otherEtag, String otherModified) {
            return size == otherSize && etag != null && etag.equals(otherEtag) && modified != null
                    && modified.equals(otherModified);
        }
    }

    record Summary(long objects, long bytes) {
    }

    /** Writes an index onto an artifact (which the caller finishes after {@link #finish()}). */
    static final class Writer {
        private final OutputStream out;
        private final ObjectPaths paths = new ObjectPaths();
        private String previousKey;
        private long objects;
        private long bytes;

        Writer(OutputStream artifact, String bucket, String mirror, BucketSettings settings) throws IOException {
            this.out = new BufferedOutputStream(artifact, 64 * 1024);
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("layout", LAYOUT_VERSION);
            header.put("bucket", bucket);
            header.put("mirror", mirror);
            header.put("settings", settings.settings());
            line(header);
        }

        void add(Entry entry) throws IOException {
            if (previousKey != null && compareKeys(previousKey, entry.key()) >= 0) {
                throw new IOException("index keys out of order: '" + ObjectKeys.printable(entry.key()) + "' after '"
                        + ObjectKeys.printable(previousKey) + "'");
            }
            previousKey = entry.key();
            line(entry.withFile(paths.next(entry.key(), entry.size())));
            objects++;
            bytes += entry.size();
        }

        long objects() {
            return objects;
        }

        long bytes() {
            return bytes;
        }

        /** Writes the summary and flushes; the artifact stays open. */
        void finish() throws IOException {
            line(Map.of("summary", new Summary(objects, bytes)));
            out.flush();
        }

        private void line(Object value) throws IOException {
            out.write(BucketArchive.JSON.writeValueAsBytes(value));
            out.write('\n');
        }
    }

    /** Reads an index: the header first, then the entries in order; the summary is checked at the end. */
    static final class Reader implements Iterator<Entry> {
        private final BufferedReader lines;
        private final String bucket;
        private final BucketSettings settings;
        private Entry next;
        private Summary summary;
        private long objects;
        private long bytes;
        private String previousKey;

        /** Reads from {@code in}, which the caller owns; read to the end so the artifact's digests are checked. */
        Reader(InputStream in, String expectedBucket) throws IOException {
            this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
            String first = lines.readLine();
            if (first == null) {
                throw new IOException("the index of bucket '" + expectedBucket + "' is empty");
            }
            JsonNode header = BucketArchive.JSON.readTree(first);
            int layout = header.path("layout").asInt(-1);
            if (layout != LAYOUT_VERSION) {
                throw new IOException("the index of bucket '" + expectedBucket + "' has layout " + layout
                        + "; this program reads " + LAYOUT_VERSION);
            }
            this.bucket = header.path("bucket").asText();
            if (!bucket.equals(expectedBucket)) {
                throw new IOException("the index of bucket '" + expectedBucket + "' is for bucket '" + bucket + "'");
            }
            this.settings = BucketSettings.fromJson(bucket, header.path("settings"));
        }

        BucketSettings settings() {
            return settings;
        }

        @Override
        public boolean hasNext() {
            if (next == null && summary == null) {
                try {
                    advance();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return next != null;
        }

        @Override
        public Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Entry entry = next;
            next = null;
            return entry;
        }

        /** After the last entry: the totals, checked against the entries read; the stream is read to its end. */
        Summary finish() throws IOException {
            while (hasNext()) {
                next();
            }
            if (summary == null) {
                throw new IOException("the index of bucket '" + bucket + "' ends without its summary");
            }
            if (lines.readLine() != null) {
                throw new IOException("the index of bucket '" + bucket + "' goes on after its summary");
            }
            if (summary.objects() != objects || summary.bytes() != bytes) {
                throw new IOException("the index of bucket '" + bucket + "' lists " + objects + " objects of " + bytes
                        + " bytes, its summary says " + summary.objects() + " objects of " + summary.bytes() + " bytes");
            }
            return summary;
        }

        private void advance() throws IOException {
            String line = lines.readLine();
            if (line == null) {
                throw new IOException("the index of bucket '" + bucket + "' ends without its summary");
            }
            JsonNode node = BucketArchive.JSON.readTree(line);
            if (node.has("summary")) {
                summary = BucketArchive.JSON.treeToValue(node.get("summary"), Summary.class);
                return;
            }
            Entry entry = BucketArchive.JSON.treeToValue(node, Entry.class);
            if (entry.key() == null || entry.key().isEmpty()) {
                throw new IOException("the index of bucket '" + bucket + "' has an entry without a key");
            }
            ObjectKeys.check(bucket, entry.path());
            if (!ObjectPaths.key(entry.path()).equals(entry.key())) {
                throw new IOException("the index of bucket '" + bucket + "' gives '" + ObjectKeys.printable(entry.key())
                        + "' the path '" + ObjectKeys.printable(entry.path()) + "', which stands for another key");
            }
            if (previousKey != null && compareKeys(previousKey, entry.key()) >= 0) {
                throw new IOException("the index of bucket '" + bucket + "' lists '" + ObjectKeys.printable(entry.key())
                        + "' out of key order");
            }
            if (entry.body() == null) {
                throw new IOException("the index of bucket '" + bucket + "' gives no body for '" + ObjectKeys.printable(entry.key()) + "'");
            }
            if (entry.body().plainBytes() != entry.size()) {
                throw new IOException("the index of bucket '" + bucket + "' gives '" + ObjectKeys.printable(entry.key()) + "' "
                        + entry.size() + " bytes but its body " + entry.body().plainBytes());
            }
            previousKey = entry.key();
            objects++;
            bytes += entry.size();
            next = entry;
        }
    }

    /** S3's listing order: keys compared as unsigned UTF-8 bytes. */
    static int compareKeys(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
