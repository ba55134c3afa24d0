package org.lifeboat.datastore.minio;

import io.minio.messages.Bucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.PreparedRestore;

/**
 * Checked scratch buckets, by the live bucket each replaces. S3 cannot rename a bucket, so
 * {@link #swapIn()} copies each scratch bucket's objects over the live bucket server-side, removes
 * the live objects the backup did not have, applies the saved bucket settings, and only then
 * removes the scratch bucket. Before the swap nothing live has changed. A failure during the swap
 * of a bucket leaves that live bucket partly replaced (every single object is either old or new,
 * never torn) and keeps its verified scratch bucket, and every scratch bucket not yet swapped:
 * running the restore again, or copying the scratch bucket over by hand, completes it. When every
 * bucket of the set is in place, the buckets of the configured scope that the set does not hold
 * are removed ({@link RestoreScope}).
 */
final class PreparedBuckets implements PreparedRestore {

    private static final Logger LOG = Logger.getLogger(PreparedBuckets.class);

    /** A loaded scratch bucket and the settings to give the live one. */
    record Loaded(String scratch, BucketSettings settings) {
    }

    private final MinioEndpoint endpoint;
    private final ScratchBuckets buckets;
    private final Map<String, Loaded> loaded;
    private final RestoreScope scope;
    private final Set<String> inSet;
    private final List<String> replaced = new ArrayList<>();
    private boolean swapStarted;

    /**
     * @param scope the buckets this restore manages
     * @param inSet every bucket the set holds (restored or outside the scope)
     */
    PreparedBuckets(MinioEndpoint endpoint, ScratchBuckets buckets, Map<String, Loaded> loaded, RestoreScope scope, Set<String> inSet) {
        this.endpoint = endpoint;
        this.buckets = buckets;
        this.loaded = loaded;
        this.scope = scope;
        this.inSet = inSet;
    }

    @Override
    public void swapIn() throws IOException {
        swapStarted = true;
        BucketSwap swap = new BucketSwap(endpoint, buckets);
        for (Map.Entry<String, Loaded> entry : loaded.entrySet()) {
            String live = entry.getKey();
            try {
                swap.replace(live, entry.getValue().scratch(), entry.getValue().settings());
            } catch (IOException e) {
                List<String> pending = new ArrayList<>(loaded.keySet());
                pending.removeAll(replaced);
                pending.remove(live);
                throw new IOException(e.getMessage() + "; already replaced by their verified copies: "
                        + (replaced.isEmpty() ? "none" : String.join(", ", replaced)) + "; bucket '" + live
                        + "' partly replaced, its verified copy kept in '" + entry.getValue().scratch() + "'; not replaced (live data"
                        + " as it was, verified copies kept as *" + RestoreNames.SUFFIX + "): "
                        + (pending.isEmpty() ? "none" : String.join(", ", pending)) + ". Run the restore again to complete it", e);
            }
            replaced.add(live);
            LOG.infof("%s: bucket '%s' replaced by the restored copy", endpoint.describe(), live);
        }
        removeBucketsNotInTheSet();
    }

    /**
     * Last, when every bucket of the set is in place: the managed buckets the set does not hold go
     * ({@link RestoreScope}), so that the scope is the set's state. Each one removed is logged.
     */
    private void removeBucketsNotInTheSet() throws IOException {
        List<String> present = endpoint.call("list buckets", () -> endpoint.client().listBuckets().stream().map(Bucket::name).toList());
        List<String> removed = new ArrayList<>();
        for (String bucket : scope.toRemove(present, inSet)) {
            try {
                buckets.remove(bucket);
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "; every bucket of the set is in place; buckets not in the set removed: "
                        + (removed.isEmpty() ? "none" : String.join(", ", removed)) + "; bucket '" + bucket + "' partly emptied and"
                        + " kept. Run the restore again to complete it", e);
            }
            removed.add(bucket);
            LOG.infof("%s: bucket '%s' removed: it is in the configured scope but not in the set", endpoint.describe(), bucket);
        }
        if (!removed.isEmpty()) {
            LOG.infof("%s: %d buckets not in the set removed: %s", endpoint.describe(), removed.size(), String.join(", ", removed));
        }
    }

    /** Removes the scratch buckets unless a swap started (then they are what is left to finish it with). */
    @Override
    public void close() {
        if (!swapStarted) {
            for (Loaded bucket : loaded.values()) {
                buckets.removeQuietly(bucket.scratch());
            }
        }
    }
}
