package org.lifeboat.datastore.minio;

import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/** Creating, counting, emptying and removing buckets: the scratch buckets of a restore, and live ones in a swap. */
final class ScratchBuckets {

    private static final Logger LOG = Logger.getLogger(ScratchBuckets.class);
    private static final int REMOVE_ATTEMPTS = 3;
    private static final long REMOVE_PAUSE_MILLIS = 1000;
    /** The most keys one DeleteObjects request may name (S3's limit). */
    static final int BATCH = 1000;

    private final MinioEndpoint endpoint;

    ScratchBuckets(MinioEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    boolean exists(String bucket) throws IOException {
        return endpoint.call("bucket '" + bucket + "': check existence",
                () -> endpoint.client().bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
    }

    /** Makes {@code bucket} exist and be empty: a scratch bucket left by an earlier restore is emptied. */
    void createEmpty(String bucket) throws IOException {
        if (exists(bucket)) {
            empty(bucket);
        } else {
            create(bucket);
        }
    }

    void create(String bucket) throws IOException {
        endpoint.call("create bucket '" + bucket + "'", () -> {
            endpoint.client().makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            return null;
        });
    }

    /** What a bucket lists: objects, bytes, and the {@link KeyDigest} of its keys in listing order. */
    record Listing(long objects, long bytes, String keysSha256) {
    }

    Listing count(String bucket) throws IOException {
        long objects = 0;
        long bytes = 0;
        KeyDigest keys = new KeyDigest();
        for (Result<Item> result : listing(bucket)) {
            Item item = endpoint.call("bucket '" + bucket + "': list objects", result::get);
            objects++;
            bytes += item.size();
            keys.add(item.objectName());
        }
        return new Listing(objects, bytes, keys.hex());
    }

    /**
     * Removes every object of {@code bucket}: up to {@value #BATCH} keys a request (S3's
     * DeleteObjects), each key that an XML body may not carry exactly ({@link #batchable}) on its
     * own, up to the endpoint's {@code transfers} requests at once, all ended before the next step;
     * then lists the bucket again and removes one by one, in key order, what is still there: the
     * folder markers (keys ending in {@code /}; removed with the objects inside them, a server
     * keeping them as folders, such as the stand-in, may keep the folder) and anything a server read
     * otherwise than it lists it, so the bucket is empty however the server parses keys. A misread key can only name another object of this bucket, all of which go.
     * Memory holds at most {@code transfers} batches of keys, not the bucket's listing.
     *
     * @return how many objects went in batches and how many one by one
     */
    Emptied empty(String bucket) throws IOException {
        AtomicLong batched = new AtomicLong();
        long single = 0;
        try (Transfers removals = new Transfers(bucket, endpoint, endpoint.transfers())) {
            List<DeleteObject> batch = new ArrayList<>();
            for (Result<Item> result : listing(bucket)) {
                String key = endpoint.call("bucket '" + bucket + "': list objects", result::get).objectName();
                if (key.endsWith("/")) {
                    continue; // a folder marker goes after what is inside it, below: a file-system server keeps a folder otherwise
                }
                if (!batchable(key)) {
                    removals.submit(() -> {
                        removeObject(bucket, key);
                        return null;
                    });
                    single++;
                    continue;
                }
                batch.add(new DeleteObject(key));
                if (batch.size() == BATCH) {
                    submitBatch(removals, bucket, batch, batched);
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                submitBatch(removals, bucket, batch, batched);
            }
            removals.awaitAll();
        }
        long markers = 0;
        long left = 0;
        for (Result<Item> result : listing(bucket)) {
            String key = endpoint.call("bucket '" + bucket + "': list objects", result::get).objectName();
            removeObject(bucket, key);
            if (key.endsWith("/")) {
                markers++;
            } else {
                left++;
            }
        }
        if (left > 0) {
            LOG.debugf("%s: bucket '%s': %d objects still listed after their batched removal, removed one by one",
                    endpoint.describe(), bucket, left);
        }
        return new Emptied(batched.get() - left, single + left + markers);
    }

    /** What {@link #empty} removed: objects in batches, and one by one. */
    record Emptied(long batched, long single) {
    }

    /**
     * Whether {@code key} goes into a DeleteObjects body: the SDK addresses it, and it has no
     * character XML 1.0 cannot carry or a parser would change (control characters: CR and CR LF
     * are read as LF; U+FFFE, U+FFFF).
     */
    static boolean batchable(String key) {
        if (ObjectKeys.sdkRefuses(key)) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0xfffe || c == 0xffff) {
                return false;
            }
        }
        return true;
    }

    private void submitBatch(Transfers removals, String bucket, List<DeleteObject> keys, AtomicLong batched) throws IOException {
        removals.submit(() -> {
            String what = "bucket '" + bucket + "': remove " + keys.size() + " objects";
            endpoint.call(what, () -> {
                // the SDK sends the request as this is iterated; in quiet mode it answers only with failures
                for (Result<DeleteError> result : endpoint.client().removeObjects(
                        RemoveObjectsArgs.builder().bucket(bucket).objects(keys).build())) {
                    DeleteError error = result.get();
                    throw new IOException("object '" + ObjectKeys.printable(error.objectName()) + "': " + error.code() + " "
                            + error.message());
                }
                return null;
            });
            batched.addAndGet(keys.size());
            return null;
        });
    }

    private Iterable<Result<Item>> listing(String bucket) {
        return endpoint.client().listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build());
    }

    void removeObject(String bucket, String key) throws IOException {
        endpoint.call("bucket '" + bucket + "': remove object '" + ObjectKeys.printable(key) + "'", () -> {
            if (ObjectKeys.sdkRefuses(key)) {
                endpoint.raw().delete(bucket, key);
            } else {
                endpoint.client().removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            }
            return null;
        });
    }

    /** Empties and removes {@code bucket} if it exists. */
    void remove(String bucket) throws IOException {
        if (!exists(bucket)) {
            return;
        }
        empty(bucket);
        endpoint.call("remove bucket '" + bucket + "'", () -> {
            endpoint.client().removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
            return null;
        });
    }

    /**
     * {@link #remove} after a failure, which is what the caller reports. A request cancelled by
     * that failure may still be completed by the server just after (its body had all arrived):
     * the bucket is then not empty at its removal, so the removal is tried
     * {@value #REMOVE_ATTEMPTS} times, {@value #REMOVE_PAUSE_MILLIS} ms apart.
     */
    void removeQuietly(String bucket) {
        for (int attempt = 1; ; attempt++) {
            try {
                remove(bucket);
                return;
            } catch (IOException | RuntimeException e) {
                if (attempt == REMOVE_ATTEMPTS || !pause()) {
                    // the live buckets are untouched; a leftover scratch bucket is emptied and reused by the next restore
                    LOG.warnf("%s: unable to remove scratch bucket '%s' after the failure: %s", endpoint.describe(), bucket,
                            e.getMessage());
                    return;
                }
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(REMOVE_PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
