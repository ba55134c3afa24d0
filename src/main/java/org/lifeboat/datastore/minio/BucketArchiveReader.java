package org.lifeboat.datastore.minio;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads one bucket's archive ({@link BucketArchive}), handing each object's body to a
 * {@link Loader} as a stream, and checks every body's size and SHA-256 against the index entry
 * that follows it, and the totals against the summary. Any entry outside {@code <bucket>/} and
 * {@code _lifeboat/<bucket>/}, or a path that would escape the bucket's folder, is refused; the key
 * comes from the object record (layout 2) and must be the one its path stands for.
 */
final class BucketArchiveReader {

    /** Receives each object. */
    @FunctionalInterface
    interface Loader {
        /**
         * Stores one object. {@code body} yields exactly {@code size} bytes; the loader must not
         * close it (the archive goes on after it).
         */
        void object(String key, long size, ObjectHeaders described, InputStream body) throws IOException;
    }

    /** What the archive held, once read to the end and checked. */
    record Contents(BucketSettings settings, long objects, long bytes, String keysSha256) {
        /** With the {@link KeyDigest} of the keys loaded. */
        Contents withKeys(KeyDigest keys) {
            return new Contents(settings, objects, bytes, keys.hex());
        }
    }

    private final String bucket;
    private final Deque<BucketArchive.IndexLine> unindexed = new ArrayDeque<>();
    private BucketSettings settings;
    private int layout;
    private BucketArchive.Summary summary;
    private long objects;
    private long bytes;

    BucketArchiveReader(String bucket) {
        this.bucket = bucket;
    }

    /**
     * Reads {@code in} (which the caller owns and closes) to its very end, so that the artifact's
     * own digest check runs, calling {@code loader} for every object.
     */
    Contents read(InputStream in, Loader loader) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
            String name = entry.getName();
            if (name.equals(BucketArchive.settingsEntry(bucket))) {
                settings = readSettings(tar);
            } else if (name.startsWith(BucketArchive.metaFolder(bucket) + "index-")) {
                checkIndex(name, tar);
            } else if (name.equals(BucketArchive.summaryEntry(bucket))) {
                summary = BucketArchive.JSON.readValue(nonClosing(tar), BucketArchive.Summary.class);
            } else if (name.startsWith(bucket + "/") && name.length() > bucket.length() + 1) {
                readObject(entry, name.substring(bucket.length() + 1), tar, loader);
            } else {
                throw new IOException("entry '" + ObjectKeys.printable(name) + "' of the archive of bucket '" + bucket
                        + "' is refused: it lies outside '" + bucket + "/' and would escape the bucket's folder on extraction");
            }
        }
        in.transferTo(OutputStream.nullOutputStream()); // the rest of the last tar record, then the digest check
        if (settings == null || summary == null) {
            throw new IOException("the archive of bucket '" + bucket + "' is incomplete: no " + (settings == null
                    ? BucketArchive.settingsEntry(bucket) : BucketArchive.summaryEntry(bucket)));
        }
        if (!unindexed.isEmpty()) {
            throw new IOException("the archive of bucket '" + bucket + "' holds " + unindexed.size()
                    + " objects that no index entry lists, the first '" + unindexed.peek().key() + "'");
        }
        if (summary.objects() != objects || summary.bytes() != bytes) {
            throw new IOException("the archive of bucket '" + bucket + "' holds " + objects + " objects of " + bytes
                    + " bytes, its summary says " + summary.objects() + " objects of " + summary.bytes() + " bytes");
        }
        return new Contents(settings, objects, bytes, null);
    }

    private void readObject(TarArchiveEntry entry, String path, InputStream tar, Loader loader) throws IOException {
        ObjectKeys.check(bucket, path);
        if (settings == null) {
            throw new IOException("the archive of bucket '" + bucket + "' holds an object before its "
                    + BucketArchive.settingsEntry(bucket));
        }
        Map<String, String> pax = entry.getExtraPaxHeaders();
        String key;
        ObjectHeaders described;
        if (layout == BucketArchive.LAYOUT_KEY_IS_PATH) {
            key = path;
            described = layoutOneHeaders(pax);
        } else {
            String record = pax.get(BucketArchive.PAX_OBJECT);
            if (record == null) {
                throw new IOException("entry '" + ObjectKeys.printable(path) + "' of the archive of bucket '" + bucket
                        + "' has no object record (" + BucketArchive.PAX_OBJECT + ")");
            }
            BucketArchive.ObjectRecord object = BucketArchive.JSON.readValue(record, BucketArchive.ObjectRecord.class);
            key = object.key();
            if (key == null || !key.equals(ObjectPaths.key(path))) {
                throw new IOException("entry '" + ObjectKeys.printable(path) + "' of the archive of bucket '" + bucket
                        + "' records key '" + (key == null ? "" : ObjectKeys.printable(key)) + "', which is not the key its path"
                        + " stands for");
            }
            described = object.described();
        }
        MessageDigest sha256 = Digests.sha256();
        long[] count = {0};
        InputStream body = new FilterInputStream(tar) {
            @Override
            public int read() throws IOException {
                return OneByteReads.read(this);
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    sha256.update(b, off, n);
                    count[0] += n;
                }
                return n;
            }

            @Override
            public void close() {
                // the archive goes on: closing the tar stream is the caller's
            }
        };
        loader.object(key, entry.getSize(), described, body);
        body.transferTo(OutputStream.nullOutputStream()); // a loader that stopped early still gets every byte checked
        unindexed.add(new BucketArchive.IndexLine(key, count[0], HexFormat.of().formatHex(sha256.digest()), null));
        objects++;
        bytes += count[0];
    }

    /** Layout 1: content type, kept headers and metadata as separate PAX records. */
    private static ObjectHeaders layoutOneHeaders(Map<String, String> pax) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        pax.forEach((name, value) -> {
            if (name.equals(BucketArchive.PAX_CONTENT_TYPE)) {
                headers.put("Content-Type", value);
            } else if (name.startsWith(BucketArchive.PAX_HEADER)) {
                String header = name.substring(BucketArchive.PAX_HEADER.length());
                headers.put(ObjectHeaders.STANDARD.stream().filter(h -> h.equalsIgnoreCase(header)).findFirst().orElse(header), value);
            } else if (name.startsWith(BucketArchive.PAX_META)) {
                metadata.put(name.substring(BucketArchive.PAX_META.length()), value);
            }
        });
        return new ObjectHeaders(headers, metadata, Map.of());
    }

    private void checkIndex(String name, InputStream tar) throws IOException {
        String text = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            BucketArchive.IndexLine expected = BucketArchive.JSON.readValue(line, BucketArchive.IndexLine.class);
            BucketArchive.IndexLine actual = unindexed.poll();
            if (actual == null || !actual.key().equals(expected.key())) {
                throw new IOException("index entry '" + name + "' of bucket '" + bucket + "' lists '" + expected.key()
                        + "' where the archive holds " + (actual == null ? "no object" : "'" + actual.key() + "'"));
            }
            if (actual.size() != expected.size() || !actual.sha256().equals(expected.sha256())) {
                throw new IOException("object '" + actual.key() + "' of bucket '" + bucket + "' does not match its index: "
                        + actual.size() + " bytes, SHA-256 " + actual.sha256() + "; recorded " + expected.size()
                        + " bytes, SHA-256 " + expected.sha256());
            }
        }
        if (!unindexed.isEmpty()) {
            throw new IOException("index entry '" + name + "' of bucket '" + bucket + "' leaves out '"
                    + unindexed.peek().key() + "'");
        }
    }

    private BucketSettings readSettings(InputStream tar) throws IOException {
        JsonNode root = BucketArchive.JSON.readTree(nonClosing(tar));
        layout = root.path("layout").asInt(-1);
        if (layout != BucketArchive.LAYOUT_VERSION && layout != BucketArchive.LAYOUT_KEY_IS_PATH) {
            throw new IOException("the archive of bucket '" + bucket + "' has layout " + layout + "; this program reads "
                    + BucketArchive.LAYOUT_KEY_IS_PATH + " and " + BucketArchive.LAYOUT_VERSION);
        }
        return BucketSettings.fromJson(bucket, root.path("settings"));
    }

    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the tar stream is the caller's
            }
        };
    }
}
