package org.lifeboat.datastore.minio;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Reading the source server for a backup, the same in every mode: which buckets, which keys (less
 * the excluded ones, each checked by {@link ObjectKeys}), and each object's body with the headers
 * and user metadata that come with it.
 */
final class SourceObjects {

    private static final Logger LOG = Logger.getLogger(SourceObjects.class);

    private final MinioEndpoint endpoint;
    private final MinioSettings settings;

    SourceObjects(MinioEndpoint endpoint, MinioSettings settings) {
        this.endpoint = endpoint;
        this.settings = settings;
    }

    /**
     * One object as read: its body and what describes it.
     *
     * @param etag the ETag without quotes, or null if the server sent none
     * @param modified Last-Modified, or null if absent or unreadable
     * @param described its standard headers and user metadata, exactly
     */
    record Opened(String key, long size, String etag, Instant modified, ObjectHeaders described, InputStream body)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /** The configured buckets (all if none), less the excluded ones and restore scratch buckets; adds what it leaves out to {@code excluded}. */
    List<String> buckets(List<String> excluded) throws IOException {
        List<String> present = endpoint.call("list buckets",
                () -> endpoint.client().listBuckets().stream().map(Bucket::name).sorted().toList());
        for (String wanted : settings.buckets()) {
            if (!present.contains(wanted)) {
                throw new IOException("bucket '" + wanted + "' does not exist");
            }
        }
        List<String> selected = new ArrayList<>();
        for (String bucket : settings.buckets().isEmpty() ? present : settings.buckets()) {
            if (settings.excludeBuckets().contains(bucket)) {
                excluded.add("bucket " + bucket);
            } else if (RestoreNames.isLifeboats(bucket)) {
                excluded.add("bucket " + bucket + " (a restore's own bucket)");
            } else {
                selected.add(bucket);
            }
        }
        for (String bucket : present) {
            if (!settings.buckets().isEmpty() && !settings.buckets().contains(bucket)) {
                excluded.add("bucket " + bucket);
            }
        }
        return selected;
    }

    /**
     * The objects of {@code bucket} in listing order (ascending UTF-8 key order, as S3 lists),
     * less those under excluded prefixes, which are counted into {@code skipped[0]}. Every key is
     * kept, whatever its shape: {@link ObjectPaths} makes it a safe path.
     */
    Iterable<Item> list(String bucket, long[] skipped) {
        Iterable<Result<Item>> listing = endpoint.client().listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build());
        return () -> new Iterator<>() {
            private final Iterator<Result<Item>> results = listing.iterator();
            private Item next;

            @Override
            public boolean hasNext() {
                try {
                    while (next == null && results.hasNext()) {
                        Item item = endpoint.call("bucket '" + bucket + "': list objects", results.next()::get);
                        if (settings.excludes(bucket, item.objectName())) {
                            skipped[0]++;
                            continue;
                        }
                        next = item;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return next != null;
            }

            @Override
            public Item next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Item item = next;
                next = null;
                return item;
            }
        };
    }

    /**
     * Opens one object, or empty if it was deleted since it was listed. Through the SDK, unless the
     * SDK cannot address the key or the answer may hold header bytes outside US-ASCII (okhttp reads
     * them as UTF-8 and turns what is not into {@code ?} or U+FFFD, so a value with either is read
     * again): then the object is read through {@link S3RawRequests}, which keeps every byte.
     */
    Optional<Opened> open(String bucket, String key) throws IOException {
        String what = "bucket '" + bucket + "': object '" + ObjectKeys.printable(key) + "'";
        if (ObjectKeys.sdkRefuses(key)) {
            return openRaw(bucket, key, what);
        }
        GetObjectResponse response;
        try {
            response = endpoint.client().getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            if ("NoSuchKey".equals(S3Errors.code(e))) {
                return deleted(what);
            }
            throw endpoint.failure(what + ": read", e);
        }
        try {
            Map<String, String> wire = ObjectHeaders.wire(response.headers());
            ObjectHeaders described = ObjectHeaders.fromWire(wire);
            if (!described.asciiOnly() || described.mayHideBytes()) {
                response.close();
                return openRaw(bucket, key, what);
            }
            return Optional.of(opened(key, what, wire, described, response));
        } catch (IOException | RuntimeException e) {
            response.close();
            throw e;
        }
    }

    private Optional<Opened> openRaw(String bucket, String key, String what) throws IOException {
        S3RawRequests.Response response;
        try {
            response = endpoint.raw().get(bucket, key);
        } catch (IOException e) {
            if ("NoSuchKey".equals(S3Errors.code(e))) {
                return deleted(what);
            }
            throw endpoint.failure(what + ": read", e);
        }
        try {
            return Optional.of(opened(key, what, response.headers(), ObjectHeaders.fromWire(response.headers()), response.body()));
        } catch (IOException | RuntimeException e) {
            response.close();
            throw e;
        }
    }

    private Optional<Opened> deleted(String what) {
        LOG.warnf("%s: %s was deleted after it was listed; not in this backup", endpoint.describe(), what);
        return Optional.empty();
    }

    private static Opened opened(String key, String what, Map<String, String> wire, ObjectHeaders described, InputStream body)
            throws IOException {
        Map<String, String> lower = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        lower.putAll(wire);
        String length = lower.get("Content-Length");
        if (length == null) {
            throw new IOException(what + ": the server sent no Content-Length");
        }
        return new Opened(key, Long.parseLong(length), etag(lower.get("ETag")), lastModified(lower.get("Last-Modified")), described,
                body);
    }

    /** An ETag without its quotes. */
    static String etag(String value) {
        if (value == null) {
            return null;
        }
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    private static Instant lastModified(String value) {
        try {
            return value == null ? null : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            return null; // an unreadable date: the archive's entry keeps the epoch, the index none
        }
    }

    /** Runs {@code task}, its failures naming the bucket and the object (unless they do already). */
    static <T> T named(String bucket, String key, Transfers.Task<T> task) throws IOException {
        try {
            return task.run();
        } catch (MinioEndpoint.CallFailure | InterruptedIOException e) {
            throw e; // names its bucket and object already
        } catch (IOException e) {
            throw new IOException("bucket '" + bucket + "': object '" + ObjectKeys.printable(key) + "': " + e.getMessage(), e);
        }
    }
}
