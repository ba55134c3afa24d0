package org.lifeboat.datastore.minio;

import io.minio.ComposeObjectArgs;
import io.minio.ComposeSource;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Replaces a live bucket's content by another bucket's (a verified scratch bucket, or at a
 * rollback the copy kept aside): server-side copies (no body passes through Lifeboat), up to the
 * endpoint's {@code transfers} at once and all ended before anything else happens, except of an
 * object the live bucket already holds with the same size, ETag, headers and user metadata (a
 * nightly restore into staging finds most objects as the last night left them): two HEADs instead
 * of a copy, which on a server copies the body; then removal of the live objects the scratch
 * bucket does not hold (as many at once, folder markers last), found by walking both listings in
 * their (UTF-8 binary) key order, so memory does not grow with the number of objects; then the
 * bucket settings; then the scratch bucket is removed.
 */
final class BucketSwap {

    private static final Logger LOG = Logger.getLogger(BucketSwap.class);
    /** The largest object a single CopyObject may copy; larger ones are copied in parts. */
    private static final long COPY_LIMIT = 5L * 1024 * 1024 * 1024;

    private final MinioEndpoint endpoint;
    private final ScratchBuckets buckets;

    BucketSwap(MinioEndpoint endpoint, ScratchBuckets buckets) {
        this.endpoint = endpoint;
        this.buckets = buckets;
    }

    void replace(String live, String scratch, BucketSettings settings) throws IOException {
        mirror(scratch, live);
        settings.applyTo(endpoint, live);
        try {
            buckets.remove(scratch);
        } catch (IOException e) {
            // the swap itself is complete; a leftover scratch bucket is emptied and reused by the next restore
            LOG.warnf("%s: unable to remove scratch bucket '%s' after the swap: %s", endpoint.describe(), scratch, e.getMessage());
        }
    }

    /**
     * Makes {@code to} (created if missing) hold exactly the objects of {@code from}, bodies and
     * metadata copied server-side unless {@code to} has them already; {@code from} is left as it is.
     */
    Mirrored mirror(String from, String to) throws IOException {
        try {
            return copyThenRemoveExtras(to, from);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Mirrored copyThenRemoveExtras(String live, String scratch) throws IOException {
        if (!buckets.exists(live)) {
            buckets.create(live);
        }
        AtomicLong copied = new AtomicLong();
        AtomicLong unchanged = new AtomicLong();
        try (Transfers transfers = new Transfers(live, endpoint, endpoint.transfers())) {
            Iterator<Item> present = listing(live).iterator();
            Item current = present.hasNext() ? present.next() : null;
            for (Item item : listing(scratch)) {
                byte[] key = utf8(item);
                while (current != null && Arrays.compareUnsigned(utf8(current), key) < 0) {
                    current = present.hasNext() ? present.next() : null;
                }
                boolean sameBody = current != null && Arrays.equals(utf8(current), key) && sameBody(current, item);
                transfers.submit(() -> {
                    if (sameBody && sameHeaders(scratch, live, item.objectName())) {
                        unchanged.incrementAndGet();
                    } else {
                        copy(scratch, live, item);
                        copied.incrementAndGet();
                    }
                    return null;
                });
            }
            transfers.awaitAll();
        } catch (IOException e) {
            throw new IOException(e.getMessage() + " (swap of bucket '" + live + "' stopped after " + copied.get() + " objects copied)", e);
        }
        long removed;
        try (Transfers removals = new Transfers(live, endpoint, endpoint.transfers())) {
            removed = removeExtras(live, scratch, false, removals);
            removals.awaitAll();
        }
        removed += removeExtras(live, scratch, true, null);
        LOG.infof("%s: bucket '%s': %d objects copied from '%s', %d already there with the same body and headers, %d objects it"
                + " does not hold removed", endpoint.describe(), live, copied.get(), scratch, unchanged.get(), removed);
        return new Mirrored(copied.get(), unchanged.get(), removed);
    }

    /**
     * Removes the objects of {@code live} that {@code scratch} does not hold, found by walking both
     * listings in key order: the objects ({@code markers} false) up to {@code transfers} at once, or
     * the folder markers (keys ending in {@code /}) one by one in key order, after the objects inside
     * them (removed beside them, a server that keeps them as folders may keep the folder).
     */
    private long removeExtras(String live, String scratch, boolean markers, Transfers removals) throws IOException {
        long removed = 0;
        Iterator<Item> wanted = listing(scratch).iterator();
        byte[] next = wanted.hasNext() ? utf8(wanted.next()) : null;
        for (Item item : listing(live)) {
            byte[] key = utf8(item);
            while (next != null && Arrays.compareUnsigned(next, key) < 0) {
                next = wanted.hasNext() ? utf8(wanted.next()) : null;
            }
            if ((next == null || !Arrays.equals(next, key)) && item.objectName().endsWith("/") == markers) {
                String name = item.objectName();
                if (removals == null) {
                    buckets.removeObject(live, name);
                } else {
                    removals.submit(() -> {
                        buckets.removeObject(live, name);
                        return null;
                    });
                }
                removed++;
            }
        }
        return removed;
    }

    /** What a {@link #mirror} did: objects copied, objects left as they were (already the same), objects removed. */
    record Mirrored(long copied, long unchanged, long removed) {
    }

    /**
     * Whether two listed objects have the same body by what the server says of it: the same size
     * and the same ETag (the body's MD5, or for an object sent in parts the MD5 of the parts'
     * MD5s; an ETag that is no digest, as with server-side encryption, differs between two
     * buckets and so only ever costs a copy).
     */
    private static boolean sameBody(Item a, Item b) {
        return a.size() == b.size() && a.etag() != null && !a.etag().isEmpty() && a.etag().equals(b.etag());
    }

    /**
     * Whether {@code key} in {@code live} has exactly the headers and user metadata of its copy in
     * {@code scratch}, byte for byte, and the same ETag and length: then copying it would change
     * nothing. Any doubt (a HEAD that fails, a header on one side only) means a copy.
     */
    private boolean sameHeaders(String scratch, String live, String key) throws IOException {
        try {
            if (!ObjectKeys.sdkRefuses(key)) {
                // over the SDK's pooled connections, when its reading of the header bytes is exact (as a backup decides)
                Map<String, String> restored = statHeaders(scratch, key);
                Map<String, String> present = statHeaders(live, key);
                if (readExactly(restored) && readExactly(present)) {
                    return sameObject(restored, present);
                }
            }
            return sameObject(endpoint.raw().head(scratch, key), endpoint.raw().head(live, key));
        } catch (java.io.InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            return false; // the copy that follows says what is wrong, if anything is
        }
    }

    private Map<String, String> statHeaders(String bucket, String key) throws IOException {
        return ObjectHeaders.wire(endpoint.call("bucket '" + bucket + "': read the headers of '" + ObjectKeys.printable(key) + "'",
                () -> endpoint.client().statObject(StatObjectArgs.builder().bucket(bucket).object(key).build())).headers());
    }

    /** Whether okhttp's reading of these headers is their bytes: US-ASCII, nothing it may have turned into {@code ?}. */
    private static boolean readExactly(Map<String, String> wire) {
        ObjectHeaders described = ObjectHeaders.fromWire(wire);
        return described.asciiOnly() && !described.mayHideBytes();
    }

    /**
     * Whether two answers' headers say the same object to a copy: the standard headers and user
     * metadata as a backup reads them ({@link ObjectHeaders#fromWire}), ETag and length.
     */
    private static boolean sameObject(Map<String, String> a, Map<String, String> b) {
        return ObjectHeaders.fromWire(a).equals(ObjectHeaders.fromWire(b))
                && java.util.Objects.equals(header(a, "etag"), header(b, "etag"))
                && java.util.Objects.equals(header(a, "content-length"), header(b, "content-length"));
    }

    private static String header(Map<String, String> wire, String name) {
        return wire.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private void copy(String scratch, String live, Item item) throws IOException {
        String key = item.objectName();
        String what = "bucket '" + live + "': copy object '" + ObjectKeys.printable(key) + "' from '" + scratch + "'";
        boolean sdkRefuses = ObjectKeys.sdkRefuses(key);
        if (item.size() <= COPY_LIMIT) {
            endpoint.call(what, () -> {
                if (sdkRefuses) {
                    endpoint.raw().copy(scratch, key, live, key);
                    return null;
                }
                return endpoint.client().copyObject(CopyObjectArgs.builder().bucket(live).object(key)
                        .source(CopySource.builder().bucket(scratch).object(key).build()).build());
            });
            return;
        }
        // Multipart copy does not carry the metadata over: it is given again, which the SDK can do only for ASCII.
        StatObjectResponse stat = sdkRefuses ? null : endpoint.call(what + ": read metadata",
                () -> endpoint.client().statObject(StatObjectArgs.builder().bucket(scratch).object(key).build()));
        Map<String, String> headers = new LinkedHashMap<>();
        if (stat != null) {
            for (String name : ObjectHeaders.STANDARD) {
                if (stat.headers().get(name) != null) {
                    headers.put(name, stat.headers().get(name));
                }
            }
        }
        if (stat == null || !S3RawRequests.isAscii(String.join("", headers.values()))
                || !S3RawRequests.isAscii(String.join("", stat.userMetadata().values()))) {
            throw new IOException(what + ": " + item.size() + " bytes (a copy in parts) with a key or header bytes the SDK"
                    + " cannot send exactly; copy it by hand");
        }
        endpoint.call(what, () -> endpoint.client().composeObject(ComposeObjectArgs.builder().bucket(live).object(key)
                .sources(List.of(ComposeSource.builder().bucket(scratch).object(key).build()))
                .headers(headers).userMetadata(stat.userMetadata()).build()));
    }

    /** Every object of {@code bucket}, checked to come in ascending key order as S3 lists them. */
    private Iterable<Item> listing(String bucket) {
        return () -> new Iterator<>() {
            private final Iterator<Result<Item>> results = endpoint.client()
                    .listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build()).iterator();
            private byte[] previous;

            @Override
            public boolean hasNext() {
                return results.hasNext();
            }

            @Override
            public Item next() {
                try {
                    Item item = endpoint.call("bucket '" + bucket + "': list objects", results.next()::get);
                    byte[] key = utf8(item);
                    if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                        throw new IOException("bucket '" + bucket + "' lists '" + item.objectName()
                                + "' out of key order; refusing to decide which objects to remove");
                    }
                    previous = key;
                    return item;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    private static byte[] utf8(Item item) {
        return item.objectName().getBytes(StandardCharsets.UTF_8);
    }
}
