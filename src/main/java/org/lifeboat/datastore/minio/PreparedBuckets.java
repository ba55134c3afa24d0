package org.lifeboat.datastore.minio;

import io.minio.messages.Bucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.AbstractPreparedRestore;
import org.lifeboat.datastore.SwapStamp;

/**
 * Checked scratch buckets, by the live bucket each replaces. S3 cannot rename a bucket, so the
 * swap copies, server-side (no body passes through Lifeboat; bodies, headers and user metadata
 * are copied as they are):
 *
 * <ul>
 *   <li>{@link #swapIn()}: first the marker bucket {@code lifeboat-swap-<stamp>} is created (the
 *       swap's journal, {@link SwapJournal}: one small object per live bucket saying how far it got
 *       and the settings it had); then for each bucket its settings are read and journaled, the
 *       live objects copied aside to {@code <bucket>-lifeboat-aside-<stamp>}, then the scratch bucket's objects are copied over the live bucket, the live
 *       objects the backup did not have removed, the saved settings applied, and the scratch bucket
 *       removed. Last, the buckets of the scope the set does not hold are copied aside and removed
 *       ({@link RestoreScope}).
 *   <li>{@link #rollBack()}: newest first, each live bucket is made to hold exactly the objects of
 *       its aside copy again, with the settings it had (a bucket the swap created is removed, one it
 *       removed is created again); then the aside copies, the scratch buckets and the marker go.
 *   <li>{@link #commit()}: the journal says the commit began, the scratch and aside copies are removed, then the marker; with
 *       {@code keep-replaced} this swap's aside copies stay and those of earlier swaps go.
 * </ul>
 *
 * <p>A Lifeboat killed in the swap, before the commit, or in the rollback or commit leaves the
 * marker bucket; the next restore first settles that swap from its journal
 * ({@link SwapSettlement}): rolled back, settings included, or finished if its commit had begun.
 */
final class PreparedBuckets extends AbstractPreparedRestore {

    private static final Logger LOG = Logger.getLogger(PreparedBuckets.class);

    /** A loaded scratch bucket and the settings to give the live one. */
    record Loaded(String scratch, BucketSettings settings) {
    }

    /** One live bucket's swap, as far as it went. */
    private static final class Step {
        final String live;
        final String aside;
        BucketSettings before;
        boolean hadLive;
        boolean asideComplete;
        boolean touched;

        Step(String live, String aside) {
            this.live = live;
            this.aside = aside;
        }

        /** How far this bucket got, as the journal would say it. */
        String state() {
            if (touched && asideComplete) {
                return SwapJournal.ASIDE_COMPLETE;
            }
            return touched && !hadLive ? SwapJournal.NO_LIVE_BUCKET : SwapJournal.COPYING_ASIDE;
        }

        SwapJournal.Entry entry(String state) {
            return new SwapJournal.Entry(live, state, before);
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

    /**
     * @param scope the buckets this restore manages
     * @param inSet every bucket the set holds (restored or outside the scope)
     */
    PreparedBuckets(MinioEndpoint endpoint, ScratchBuckets buckets, Map<String, Loaded> loaded, RestoreScope scope, Set<String> inSet,
            boolean keepReplaced) {
        super(LOG, endpoint.describe());
        this.endpoint = endpoint;
        this.buckets = buckets;
        this.loaded = loaded;
        this.scope = scope;
        this.inSet = inSet;
        this.keepReplaced = keepReplaced;
    }

    /** Settles every swap a killed Lifeboat left ({@link SwapSettlement}), before a restore loads anything. */
    static void settleInterrupted(MinioEndpoint endpoint, ScratchBuckets buckets, boolean keepReplaced) throws IOException {
        new SwapSettlement(endpoint, buckets, keepReplaced).settleInterrupted();
    }

    @Override
    public void swapIn() throws IOException {
        stamp = SwapStamp.now();
        BucketSwap swap = new BucketSwap(endpoint, buckets);
        Step current = null;
        try {
            buckets.create(RestoreNames.marker(stamp));
            for (String bucket : loaded.keySet()) {
                journal().record(new SwapJournal.Entry(bucket, SwapJournal.PENDING, null));
            }
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
            swapFailed();
            throw new IOException(e.getMessage() + "; " + state(), e);
        }
    }

    /** Reads the live {@code bucket}'s settings and copies its objects aside, journaling each step first. */
    private Step moveAside(BucketSwap swap, String bucket) throws IOException {
        Step step = new Step(bucket, RestoreNames.aside(bucket, stamp));
        steps.add(step);
        if (!buckets.exists(bucket)) {
            journal().record(step.entry(SwapJournal.NO_LIVE_BUCKET));
            return step;
        }
        step.hadLive = true;
        step.before = BucketSettings.read(endpoint, bucket);
        journal().record(step.entry(SwapJournal.COPYING_ASIDE));
        buckets.create(step.aside);
        swap.mirror(bucket, step.aside);
        step.asideComplete = true;
        journal().record(step.entry(SwapJournal.ASIDE_COMPLETE));
        return step;
    }

    @Override
    public void rollBack() throws IOException {
        settled();
        if (stamp == null) {
            return;
        }
        SwapSettlement settlement = new SwapSettlement(endpoint, buckets, keepReplaced);
        List<String> back = new ArrayList<>();
        try {
            for (Step step : newestFirst(steps)) {
                settlement.putBack(journal(), step.entry(step.state()), step.aside);
                steps.remove(step);
                back.add(step.live);
            }
            for (Loaded bucket : loaded.values()) {
                buckets.remove(bucket.scratch());
            }
            buckets.remove(RestoreNames.marker(stamp));
        } catch (IOException | RuntimeException e) {
            throw new IOException("unable to put the live buckets back: " + e.getMessage() + "; put back: "
                    + listed(back) + "; " + state(), e);
        }
        LOG.infof("%s: rolled back: buckets %s are as they were", endpoint.describe(), String.join(", ", back));
    }

    @Override
    public void commit() throws IOException {
        settled();
        if (stamp == null) {
            return;
        }
        try {
            journal().committing();
            new SwapSettlement(endpoint, buckets, keepReplaced).finishCommit(stamp, loaded.keySet(),
                    steps.stream().map(step -> step.live).toList());
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

    @Override
    protected boolean swapBegan() {
        return stamp != null;
    }

    @Override
    protected void discardScratch() {
        for (Loaded bucket : loaded.values()) {
            buckets.removeQuietly(bucket.scratch());
        }
    }

    private SwapJournal journal() {
        return new SwapJournal(endpoint, RestoreNames.marker(stamp));
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
        addNotSwapped(lines, loaded.keySet(), steps.stream().map(step -> step.live).toList());
        return String.join("; ", lines) + (stamp == null ? "" : "; the swap's marker is '" + RestoreNames.marker(stamp) + "'");
    }
}
