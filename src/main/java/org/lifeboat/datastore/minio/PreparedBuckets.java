package org.lifeboat.datastore.minio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.PreparedRestore;

/**
 * Checked scratch buckets, by the live bucket each replaces. S3 cannot rename a bucket, so
 * {@link #swapIn()} copies each scratch bucket's objects over the live bucket server-side, removes
 * the live objects the backup did not have, applies the saved bucket settings, and only then
 * removes the scratch bucket. Before the swap nothing live has changed. A failure during the swap
 * of a bucket leaves that live bucket partly replaced (every single object is either old or new,
 * never torn) and keeps its verified scratch bucket, and every scratch bucket not yet swapped:
 * running the restore again, or copying the scratch bucket over by hand, completes it.
 */
final class PreparedBuckets implements PreparedRestore {

    private static final Logger LOG = Logger.getLogger(PreparedBuckets.class);

    /** A loaded scratch bucket and the settings to give the live one. */
    record Loaded(String scratch, BucketSettings settings) {
    }

    private final MinioEndpoint endpoint;
    private final ScratchBuckets buckets;
    private final Map<String, Loaded> loaded;
    private final List<String> replaced = new ArrayList<>();
    private boolean swapStarted;

    PreparedBuckets(MinioEndpoint endpoint, ScratchBuckets buckets, Map<String, Loaded> loaded) {
        this.endpoint = endpoint;
        this.buckets = buckets;
        this.loaded = loaded;
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
