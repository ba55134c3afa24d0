package org.lifeboat.datastore.minio;

import io.minio.messages.Bucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.AbstractPreparedRestore;
import org.lifeboat.datastore.SwapMarkers;

/**
 * Settles the swap of a Lifeboat killed before it could commit or roll back, as its marker
 * bucket's journal ({@link SwapJournal}) says, and does the steps a rollback and a commit share
 * with it. A swap whose commit had begun is finished as {@link PreparedBuckets#commit()} would: the
 * restored buckets stay, the scratch and aside buckets go. Any other never committed, so it is
 * rolled back as {@link PreparedBuckets#rollBack()} would: each live bucket it reached is made to
 * hold exactly its aside copy's objects again and given the settings the journal recorded, a
 * bucket it created is removed, then the incomplete copies, the scratch buckets and the marker
 * go. Every step is safe to repeat, and the journal says each before it is taken (an aside copy
 * is emptied only once the journal says its bucket is back), so a settlement killed in turn is
 * settled by the next run. Each action is logged as a warning.
 *
 * <p>Only a journal that does not say enough (an older Lifeboat's, without the settings; an aside
 * copy missing while the journal says it holds the live objects) stops the restore, naming each
 * bucket and the two ways to resolve it by hand.
 */
final class SwapSettlement {

    private static final Logger LOG = Logger.getLogger(SwapSettlement.class);

    private final MinioEndpoint endpoint;
    private final ScratchBuckets buckets;
    private final boolean keepReplaced;

    /** @param keepReplaced whether a commit this settlement finishes keeps the swap's aside copies ({@code keep-replaced}) */
    SwapSettlement(MinioEndpoint endpoint, ScratchBuckets buckets, boolean keepReplaced) {
        this.endpoint = endpoint;
        this.buckets = buckets;
        this.keepReplaced = keepReplaced;
    }

    /** Settles every interrupted swap a marker bucket on the server says there was, newest first. */
    void settleInterrupted() throws IOException {
        for (String marker : SwapMarkers.newestFirst(present(), RestoreNames::isMarker)) {
            settle(marker);
        }
    }

    private void settle(String marker) throws IOException {
        String stamp = RestoreNames.stampOf(marker);
        SwapJournal journal = new SwapJournal(endpoint, marker);
        SwapJournal.Contents contents = SwapJournal.read(endpoint, marker);
        List<String> live = contents.entries().stream().map(SwapJournal.Entry::bucket).toList();
        if (contents.committing()) {
            for (String removed : finishCommit(stamp, live, live)) {
                LOG.warnf("%s: an earlier restore (marker '%s') was killed during its commit: finished it, the restored buckets stay;"
                        + " removed '%s'", endpoint.describe(), marker, removed);
            }
        } else {
            refuseUndeterminable(marker, stamp, contents);
            for (SwapJournal.Entry entry : AbstractPreparedRestore.newestFirst(contents.entries())) {
                String done = putBack(journal, entry, RestoreNames.aside(entry.bucket(), stamp));
                if (done != null) {
                    LOG.warnf("%s: an earlier restore (marker '%s') was killed before its commit: rolled back bucket %s",
                            endpoint.describe(), marker, done);
                }
            }
            for (String bucket : live) {
                String scratch = RestoreNames.scratch(bucket);
                if (buckets.exists(scratch)) {
                    buckets.remove(scratch);
                    LOG.warnf("%s: removed the scratch bucket '%s' of the earlier restore (marker '%s')", endpoint.describe(), scratch,
                            marker);
                }
            }
        }
        buckets.remove(marker);
        LOG.warnf("%s: the earlier restore's swap is settled: removed its marker bucket '%s'", endpoint.describe(), marker);
    }

    /**
     * Puts live {@code entry.bucket()} back as it was before the swap, as far as the swap got by
     * {@code entry}; the live objects are taken from {@code aside}. Journals each step before taking
     * it; safe to repeat. Returns what was done, for the log, or null if nothing was.
     */
    String putBack(SwapJournal journal, SwapJournal.Entry entry, String aside) throws IOException {
        String live = entry.bucket();
        switch (entry.state()) {
            case SwapJournal.PENDING:
                return null;
            case SwapJournal.COPYING_ASIDE:
                buckets.remove(aside);
                return "'" + live + "': it was untouched; removed its incomplete copy '" + aside + "'";
            case SwapJournal.NO_LIVE_BUCKET:
                buckets.remove(live);
                return "'" + live + "': it did not exist before that restore; removed it";
            case SwapJournal.PUT_BACK:
                buckets.remove(aside);
                return null;
            case SwapJournal.ASIDE_COMPLETE:
            case SwapJournal.PUTTING_BACK:
                if (!buckets.exists(aside)) {
                    throw new IOException("bucket '" + live + "': its live objects should be in '" + aside + "', which is missing");
                }
                journal.record(entry.at(SwapJournal.PUTTING_BACK));
                new BucketSwap(endpoint, buckets).mirror(aside, live);
                entry.before().applyTo(endpoint, live);
                journal.record(entry.at(SwapJournal.PUT_BACK));
                buckets.remove(aside);
                return "'" + live + "': made to hold its copy '" + aside + "' again, with the settings it had (" + summary(entry.before())
                        + "); removed the copy";
            default:
                throw new IOException("bucket '" + live + "': unknown swap state '" + entry.state() + "'");
        }
    }

    /**
     * The commit's destructive part, safe to repeat: removes the scratch buckets of {@code loaded}
     * and the aside copies of {@code live} made by the swap of {@code stamp}, or with
     * {@code keepReplaced} keeps those and removes the aside copies of every other swap. Returns the
     * buckets removed.
     */
    List<String> finishCommit(String stamp, Collection<String> loaded, Collection<String> live) throws IOException {
        List<String> removed = new ArrayList<>();
        for (String bucket : loaded) {
            String scratch = RestoreNames.scratch(bucket);
            if (buckets.exists(scratch)) {
                buckets.remove(scratch);
                removed.add(scratch);
            }
        }
        String lower = stamp.toLowerCase(Locale.ROOT);
        Set<String> ours = Set.copyOf(live.stream().map(bucket -> RestoreNames.aside(bucket, lower)).toList());
        for (String bucket : present()) {
            if (SwapMarkers.removedAtCommit(bucket, RestoreNames::isAside, RestoreNames::stampOf, lower, ours, keepReplaced)) {
                buckets.remove(bucket);
                removed.add(bucket);
            }
        }
        return removed;
    }

    private static String summary(BucketSettings settings) {
        List<String> parts = new ArrayList<>();
        settings.settings().forEach((name, setting) -> parts.add(name + " " + setting.state()));
        return String.join(", ", parts);
    }

    /** Refuses, as before settling was possible, a swap whose journal does not say enough to roll it back. */
    private void refuseUndeterminable(String marker, String stamp, SwapJournal.Contents contents) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean undeterminable = false;
        for (SwapJournal.Entry entry : contents.entries()) {
            String live = entry.bucket();
            String aside = RestoreNames.aside(live, stamp);
            boolean holdsLive = SwapJournal.ASIDE_COMPLETE.equals(entry.state()) || SwapJournal.PUTTING_BACK.equals(entry.state());
            if (!Set.of(SwapJournal.PENDING, SwapJournal.COPYING_ASIDE, SwapJournal.NO_LIVE_BUCKET, SwapJournal.PUT_BACK,
                    SwapJournal.ASIDE_COMPLETE, SwapJournal.PUTTING_BACK).contains(entry.state())
                    || (holdsLive && (entry.before() == null || !buckets.exists(aside)))) {
                undeterminable = true;
            }
            lines.add(switch (entry.state()) {
                case SwapJournal.PENDING, SwapJournal.PUT_BACK -> "'" + live + "': as it was";
                case SwapJournal.COPYING_ASIDE -> "'" + live + "': untouched, its copy '" + aside + "' is incomplete: remove '" + aside + "'";
                case SwapJournal.NO_LIVE_BUCKET -> "'" + live + "': did not exist before that restore: remove it to put back, or keep it";
                default -> "'" + live + "': the live data is in '" + aside + "': to put it back, make '" + live + "' hold exactly its"
                        + " objects (for example mc mirror --overwrite --remove " + aside + " " + live + "), set its bucket settings"
                        + " again and remove '" + aside + "'; or, to keep what that restore put in place, remove '" + aside + "'";
            });
        }
        if (undeterminable) {
            lines.add("then remove the marker bucket '" + marker + "'");
            throw SwapMarkers.undeterminable(marker, lines);
        }
    }

    private List<String> present() throws IOException {
        return endpoint.call("list buckets", () -> endpoint.client().listBuckets().stream().map(Bucket::name).toList());
    }
}
