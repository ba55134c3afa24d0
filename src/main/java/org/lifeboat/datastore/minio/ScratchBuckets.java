package org.lifeboat.datastore.minio;

import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import org.jboss.logging.Logger;

/** Creating, counting, emptying and removing buckets: the scratch buckets of a restore, and live ones in a swap. */
final class ScratchBuckets {

    private static final Logger LOG = Logger.getLogger(ScratchBuckets.class);
    private static final int REMOVE_ATTEMPTS = 3;
    private static final long REMOVE_PAUSE_MILLIS = 1000;

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
        for (Result<Item> result : endpoint.client().listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
            Item item = endpoint.call("bucket '" + bucket + "': list objects", result::get);
            objects++;
            bytes += item.size();
            keys.add(item.objectName());
        }
        return new Listing(objects, bytes, keys.hex());
    }

    /** Removes every object of {@code bucket}, up to the endpoint's {@code transfers} at once, all ended before it returns. */
    void empty(String bucket) throws IOException {
        try (Transfers removals = new Transfers(bucket, endpoint, endpoint.transfers())) {
            for (Result<Item> result : endpoint.client().listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                String key = endpoint.call("bucket '" + bucket + "': list objects", result::get).objectName();
                removals.submit(() -> {
                    removeObject(bucket, key);
                    return null;
                });
            }
            removals.awaitAll();
        }
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
