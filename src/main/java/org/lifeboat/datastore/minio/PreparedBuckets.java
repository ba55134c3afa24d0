package org.lifeboat.datastore.minio;

import io.minio.ListObjectsArgs;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.datastore.SwapStamp;

/**
 * Checked scratch buckets, by the live bucket each replaces. S3 cannot rename a bucket, so the
 * swap copies, server-side (no body passes through Lifeboat; bodies, headers and user metadata
 * are copied as they are):
 *
 * <ul>
 *   <li>{@link #swapIn()}: first the marker bucket {@code lifeboat-swap-<stamp>} is created (the
 *       swap's journal: one small object per live bucket saying how far it got); then for each
 *       bucket the live objects are copied aside to {@code <bucket>-lifeboat-aside-<stamp>} and its
 *       settings read, then the scratch bucket's objects are copied over the live bucket, the live
 *       objects the backup did not have removed, the saved settings applied, and the scratch bucket
 *       removed. Last, the buckets of the scope the set does not hold are copied aside and removed
 *       ({@link RestoreScope}).
 *   <li>{@link #rollBack()}: newest first, each live bucket is made to hold exactly the objects of
 *       its aside copy again, with the settings it had (a bucket the swap created is removed, one it
 *       removed is created again); then the aside copies, the scratch buckets and the marker go.
 *   <li>{@link #commit()}: the aside copies are removed, then the marker; with
 *       {@code keep-replaced} this swap's aside copies stay and those of earlier swaps go.
 * </ul>
 *
 * <p>A Lifeboat killed between the swap and the commit leaves the marker bucket; the next restore
 * refuses to start while one exists ({@link #refuseInterrupted}), naming each bucket, how far its
 * swap got, and what to do. The settings a live bucket had are kept in memory only: after such a
 * kill they must be set again by hand if they differed from the set's.
 */
final class PreparedBuckets implements PreparedRestore {

    private static final Logger LOG = Logger.getLogger(PreparedBuckets.class);
    /** Journal states: the aside copy is being made (the live bucket untouched), is complete, or there was no live bucket. */
    private static final String COPYING_ASIDE = "copying-aside";
    private static final String ASIDE_COMPLETE = "aside-complete";
    private static final String NO_LIVE_BUCKET = "no-live-bucket";

    /** A loaded scratch bucket and the settings to give the live one. */
    record Loaded(String scratch, BucketSettings settings) {
    }

    /** One live bucket's swap, as far as it went. */
    private static final class Step {
        final String live;
        final String aside;
        BucketSettings before;
        boolean asideComplete;
        boolean touched;

        Step(String live, String aside) {
            this.live = live;
            this.aside = aside;
        }
    }

    private final MinioEndpoint endpoint;
    private final ScratchBuckets buckets;
    private final Map<String, Loaded> loaded;
    private final RestoreScope scope;
    private final Set<String> inSet;
    private final boolean keepReplaced;
    private final List<Step> steps = new ArrayList<>();
    private String stamp;
    private boolean swapFailed;
    private boolean settled;

    /**
     * @param scope the buckets this restore manages
     * @param inSet every bucket the set holds (restored or outside the scope)
     */
    PreparedBuckets(MinioEndpoint endpoint, ScratchBuckets buckets, Map<String, Loaded> loaded, RestoreScope scope, Set<String> inSet,
            boolean keepReplaced) {
        this.endpoint = endpoint;
        this.buckets = buckets;
        this.loaded = loaded;
        this.scope = scope;
        this.inSet = inSet;
        this.keepReplaced = keepReplaced;
    }

    /**
     * Refuses a restore while a marker bucket says an earlier swap was interrupted: the message
     * names each bucket it touched, how far it got, and how to resolve it.
     */
    static void refuseInterrupted(MinioEndpoint endpoint) throws IOException {
        List<String> markers = present(endpoint).stream().filter(RestoreNames::isMarker).sorted().toList();
        if (markers.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String marker : markers) {
            for (Result<Item> result : endpoint.client().listObjects(ListObjectsArgs.builder().bucket(marker).recursive(true).build())) {
                String live = endpoint.call("bucket '" + marker + "': list objects", result::get).objectName();
                String state = endpoint.call("bucket '" + marker + "': read '" + live + "'", () -> {
                    try (var in = endpoint.client().getObject(io.minio.GetObjectArgs.builder().bucket(marker).object(live).build())) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                });
                String aside = RestoreNames.aside(live, RestoreNames.stampOf(marker).toUpperCase(java.util.Locale.ROOT));
                lines.add(switch (state) {
                    case COPYING_ASIDE -> "'" + live + "': untouched, its copy '" + aside + "' is incomplete: remove '" + aside + "'";
                    case NO_LIVE_BUCKET -> "'" + live + "': did not exist before that restore: remove it to put back, or keep it";
                    default -> "'" + live + "': the live data is in '" + aside + "': to put it back, make '" + live + "' hold exactly its"
                            + " objects (for example mc mirror --overwrite --remove " + aside + " " + live + ") and remove '" + aside
                            + "'; or, to keep what that restore put in place, remove '" + aside + "'";
                });
            }
            lines.add("then remove the marker bucket '" + marker + "'");
        }
        throw new IOException("an earlier restore was interrupted between its swap and its commit (marker "
                + String.join(", ", markers) + "); nothing is restored until it is resolved by hand, so that no live data kept aside"
                + " is lost: " + String.join("; ", lines));
    }

    @Override
    public void swapIn() throws IOException {
        stamp = SwapStamp.now();
        BucketSwap swap = new BucketSwap(endpoint, buckets);
        Step current = null;
        try {
            buckets.create(RestoreNames.marker(stamp));
            for (Map.Entry<String, Loaded> entry : loaded.entrySet()) {
                current = moveAside(swap, entry.getKey());
                current.touched = true;
                swap.replace(entry.getKey(), entry.getValue().scratch(), entry.getValue().settings());
                LOG.infof("%s: bucket '%s' replaced by the restored copy; the live objects are kept in '%s' until the restore commits",
                        endpoint.describe(), entry.getKey(), current.aside);
            }
            for (String bucket : scope.toRemove(present(endpoint), inSet)) {
                current = moveAside(swap, bucket);
                current.touched = true;
                buckets.remove(bucket);
                LOG.infof("%s: bucket '%s' removed: it is in the configured scope but not in the set (kept in '%s' until the restore"
                        + " commits)", endpoint.describe(), bucket, current.aside);
            }
        } catch (IOException | RuntimeException e) {
            swapFailed = true;
            throw new IOException(e.getMessage() + "; " + state(), e);
        }
    }

    /** Copies the live {@code bucket}'s objects aside and reads its settings, journaling each step. */
    private Step moveAside(BucketSwap swap, String bucket) throws IOException {
        Step step = new Step(bucket, RestoreNames.aside(bucket, stamp));
        steps.add(step);
        if (!buckets.exists(bucket)) {
            journal(bucket, NO_LIVE_BUCKET);
            return step;
        }
        journal(bucket, COPYING_ASIDE);
        step.before = BucketSettings.read(endpoint, bucket);
        buckets.create(step.aside);
        swap.mirror(bucket, step.aside);
        step.asideComplete = true;
        journal(bucket, ASIDE_COMPLETE);
        return step;
    }

    @Override
    public void rollBack() throws IOException {
        settled = true;
        if (stamp == null) {
            return;
        }
        BucketSwap swap = new BucketSwap(endpoint, buckets);
        List<Step> newestFirst = new ArrayList<>(steps);
        Collections.reverse(newestFirst);
        List<String> back = new ArrayList<>();
        try {
            for (Step step : newestFirst) {
                if (step.touched && step.asideComplete) {
                    swap.mirror(step.aside, step.live);
                    step.before.applyTo(endpoint, step.live);
                } else if (step.touched && step.before == null) {
                    buckets.remove(step.live); // the swap created it
                }
                buckets.remove(step.aside);
                steps.remove(step);
                back.add(step.live);
            }
            for (Loaded bucket : loaded.values()) {
                buckets.remove(bucket.scratch());
            }
            buckets.remove(RestoreNames.marker(stamp));
        } catch (IOException | RuntimeException e) {
            throw new IOException("unable to put the live buckets back: " + e.getMessage() + "; put back: "
                    + (back.isEmpty() ? "none" : String.join(", ", back)) + "; " + state(), e);
        }
        LOG.infof("%s: rolled back: buckets %s are as they were", endpoint.describe(), String.join(", ", back));
    }

    @Override
    public void commit() throws IOException {
        settled = true;
        if (stamp == null) {
            return;
        }
        try {
            for (Loaded bucket : loaded.values()) {
                buckets.remove(bucket.scratch());
            }
            for (String bucket : present(endpoint)) {
                boolean thisSwap = RestoreNames.isAside(bucket) && RestoreNames.stampOf(bucket).equals(stamp.toLowerCase(java.util.Locale.ROOT));
                if (RestoreNames.isAside(bucket) && (keepReplaced ? !thisSwap : thisSwap) && (keepReplaced || managedAside(bucket))) {
                    buckets.remove(bucket);
                }
            }
            buckets.remove(RestoreNames.marker(stamp));
        } catch (IOException | RuntimeException e) {
            throw new IOException("the restore is in place, but the copies kept aside could not all be removed: "
                    + e.getMessage() + "; " + state(), e);
        }
        if (keepReplaced && !steps.isEmpty()) {
            LOG.infof("%s: the replaced buckets are kept as *-lifeboat-aside-%s (keep-replaced)", endpoint.describe(),
                    stamp.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Whether {@code aside} is the copy of a bucket this swap moved aside. */
    private boolean managedAside(String aside) {
        return steps.stream().anyMatch(step -> step.aside.equals(aside));
    }

    /** Removes the scratch buckets unless swapped in; after a swap commits, after a failed swap rolls back. */
    @Override
    public void close() {
        try {
            if (stamp == null) {
                for (Loaded bucket : loaded.values()) {
                    buckets.removeQuietly(bucket.scratch());
                }
            } else if (!settled) {
                if (swapFailed) {
                    rollBack();
                } else {
                    commit();
                }
            }
        } catch (IOException | RuntimeException e) {
            // close never throws; a marker left behind stops the next restore until resolved
            LOG.warnf("%s: cleanup after the restore failed: %s", endpoint.describe(), e.getMessage());
        }
    }

    private void journal(String bucket, String state) throws IOException {
        byte[] body = state.getBytes(StandardCharsets.UTF_8);
        String marker = RestoreNames.marker(stamp);
        endpoint.call("bucket '" + marker + "': journal '" + bucket + "'", () -> endpoint.client().putObject(PutObjectArgs.builder()
                .bucket(marker).object(bucket).stream(new ByteArrayInputStream(body), body.length, -1).contentType("text/plain").build()));
    }

    private static List<String> present(MinioEndpoint endpoint) throws IOException {
        return endpoint.call("list buckets", () -> endpoint.client().listBuckets().stream().map(Bucket::name).toList());
    }

    /** What is where now, for an error message. */
    private String state() {
        List<String> lines = new ArrayList<>();
        for (Step step : steps) {
            lines.add("bucket '" + step.live + "': " + (step.touched ? "partly or wholly replaced" : "as it was")
                    + (step.asideComplete ? ", its live objects kept in '" + step.aside + "'" : ""));
        }
        List<String> pending = new ArrayList<>(loaded.keySet());
        steps.forEach(s -> pending.remove(s.live));
        if (!pending.isEmpty()) {
            lines.add("not swapped (live data as it was): " + String.join(", ", pending));
        }
        return String.join("; ", lines) + (stamp == null ? "" : "; the swap's marker is '" + RestoreNames.marker(stamp) + "'");
    }
}
