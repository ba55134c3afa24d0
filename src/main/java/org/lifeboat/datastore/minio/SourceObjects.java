package org.lifeboat.datastore.minio;

import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import okhttp3.Headers;
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
     * @param headers {@code Content-Type} and the other {@link BucketArchive#KEPT_HEADERS} present
     * @param metadata user metadata, names lower-case without {@code x-amz-meta-}
     */
    record Opened(String key, long size, String etag, Instant modified, Map<String, String> headers,
            Map<String, String> metadata, InputStream body) implements AutoCloseable {
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
                throw new IOException(endpoint.describe() + ": bucket '" + wanted + "' does not exist");
            }
        }
        List<String> selected = new ArrayList<>();
        for (String bucket : settings.buckets().isEmpty() ? present : settings.buckets()) {
            if (settings.excludeBuckets().contains(bucket)) {
                excluded.add("bucket " + bucket);
            } else if (RestoreNames.isScratch(bucket)) {
                excluded.add("bucket " + bucket + " (a restore's scratch bucket)");
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
     * less those under excluded prefixes, which are counted into {@code skipped[0]}. A key that
     * would escape the bucket's folder fails the iteration with an {@link java.io.UncheckedIOException}.
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
                        try {
                            ObjectKeys.check(bucket, item.objectName());
                        } catch (IOException e) {
                            throw new IOException(endpoint.describe() + ": " + e.getMessage(), e);
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

    /** Opens one object, or empty if it was deleted since it was listed. */
    Optional<Opened> open(String bucket, String key) throws IOException {
        String what = "bucket '" + bucket + "': object '" + ObjectKeys.printable(key) + "'";
        GetObjectResponse response;
        try {
            response = endpoint.client().getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            if ("NoSuchKey".equals(S3Errors.code(e))) {
                LOG.warnf("%s: %s was deleted after it was listed; not in this backup", endpoint.describe(), what);
                return Optional.empty();
            }
            throw endpoint.failure(what + ": read", e);
        }
        try {
            Headers headers = response.headers();
            String length = headers.get("Content-Length");
            if (length == null) {
                throw new IOException(endpoint.describe() + ": " + what + ": the server sent no Content-Length");
            }
            Map<String, String> kept = new LinkedHashMap<>();
            String type = headers.get("Content-Type");
            if (type != null) {
                kept.put("Content-Type", type);
            }
            for (String name : BucketArchive.KEPT_HEADERS) {
                if (headers.get(name) != null) {
                    kept.put(name, headers.get(name));
                }
            }
            Map<String, String> metadata = new TreeMap<>();
            for (String name : headers.names()) {
                if (name.regionMatches(true, 0, "x-amz-meta-", 0, 11)) {
                    metadata.put(name.substring(11).toLowerCase(), headers.get(name));
                }
            }
            return Optional.of(new Opened(key, Long.parseLong(length), etag(headers.get("ETag")), lastModified(headers), kept,
                    metadata, response));
        } catch (IOException | RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** An ETag without its quotes. */
    static String etag(String value) {
        if (value == null) {
            return null;
        }
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    private static Instant lastModified(Headers headers) {
        String value = headers.get("Last-Modified");
        try {
            return value == null ? null : ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (RuntimeException e) {
            return null; // an unreadable date: the archive's entry keeps the epoch, the index none
        }
    }
}
