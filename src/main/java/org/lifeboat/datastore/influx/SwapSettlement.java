package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.AbstractPreparedRestore;
import org.lifeboat.datastore.SwapMarkers;

/**
 * Settles the swap of a Lifeboat killed before it could commit or roll back, as its marker
 * database's journal ({@link SwapJournal}) says, and does the steps a rollback and a commit share
 * with it. A swap whose commit had begun is finished as {@link PreparedDatabases#commit()} would:
 * the restored databases stay and the aside copies are dropped. Any other was never committed, so
 * it is rolled back as {@link PreparedDatabases#rollBack()} would: each live database it reached
 * is put back from its aside copy with the retention policies and continuous queries the journal
 * recorded, a database it created is dropped, then the incomplete copies, the scratch databases
 * and the marker go. Every step is safe to repeat, and each is journaled before it is taken, so a
 * settlement killed in turn is settled by the next run. Each action is logged as a warning.
 *
 * <p>Only a journal that does not say enough (an older Lifeboat's, without the policies; an aside
 * copy missing while the journal says it holds the live data) stops the restore, naming each
 * database and the two ways to resolve it by hand.
 */
final class SwapSettlement {

    private static final Logger LOG = Logger.getLogger(SwapSettlement.class);

    private final InfluxDumpDatastore datastore;
    private final InfluxSettings settings;
    private final InfluxConnection connection;

    SwapSettlement(InfluxDumpDatastore datastore, InfluxSettings settings, InfluxConnection connection) {
        this.datastore = datastore;
        this.settings = settings;
        this.connection = connection;
    }

    /** Settles every interrupted swap a marker database on the server says there was, newest first. */
    void settleInterrupted() throws IOException {
        for (String marker : SwapMarkers.newestFirst(new InfluxCatalog(connection).databases(), ArtifactNames::isMarker)) {
            settle(marker);
        }
    }

    private void settle(String marker) throws IOException {
        String stamp = ArtifactNames.stampOf(marker);
        SwapJournal journal = new SwapJournal(connection, marker);
        SwapJournal.Contents contents = SwapJournal.read(connection, marker);
        List<String> present = new InfluxCatalog(connection).databases();
        if (contents.committing()) {
            List<String> asides = contents.entries().keySet().stream().map(live -> ArtifactNames.aside(live, stamp)).toList();
            for (String dropped : finishCommit(stamp, asides, datastore.keepsReplaced())) {
                LOG.warnf("%s: an earlier restore (marker '%s') was killed during its commit: finished it, the restored databases stay;"
                        + " dropped the copy kept aside '%s'", datastore.name(), marker, dropped);
            }
        } else {
            refuseUndeterminable(marker, stamp, contents, present);
            for (SwapJournal.Entry entry : AbstractPreparedRestore.newestFirst(contents.entries().values())) {
                String done = putBack(journal, entry, ArtifactNames.aside(entry.database(), stamp), present, null);
                if (done != null) {
                    LOG.warnf("%s: an earlier restore (marker '%s') was killed before its commit: rolled back database %s",
                            datastore.name(), marker, done);
                }
            }
        }
        for (String live : contents.entries().keySet()) {
            String scratch = ArtifactNames.scratch(live);
            if (present.contains(scratch)) {
                drop(scratch);
                LOG.warnf("%s: dropped the scratch database '%s' of the earlier restore (marker '%s')", datastore.name(), scratch, marker);
            }
        }
        journal.drop();
        LOG.warnf("%s: the earlier restore's swap is settled: dropped its marker database '%s'", datastore.name(), marker);
    }

    /**
     * Puts live {@code entry.database()} back as it was before the swap, as far as the swap got by
     * {@code entry}; the live data is taken from {@code aside} ({@code counts}: its points as
     * checked, or null to count them again). Journals each step before taking it; safe to repeat.
     * Returns what was done, for the log, or null if nothing was.
     */
    String putBack(SwapJournal journal, SwapJournal.Entry entry, String aside, Collection<String> present, Map<String, Long> counts)
            throws IOException {
        String live = entry.database();
        switch (entry.state()) {
            case SwapJournal.PENDING:
                return null;
            case SwapJournal.COPYING_ASIDE:
                drop(aside);
                return "'" + live + "': it was untouched; dropped its incomplete copy '" + aside + "'";
            case SwapJournal.NO_LIVE_DATABASE:
                drop(live);
                return "'" + live + "': it did not exist before that restore; dropped it";
            case SwapJournal.PUT_BACK:
                drop(aside);
                return null;
            case SwapJournal.REPLACING:
            case SwapJournal.PUTTING_BACK:
                if (!present.contains(aside)) {
                    if (SwapJournal.PUTTING_BACK.equals(entry.state())) {
                        return null; // its copy is dropped only once the live database is whole again
                    }
                    throw new IOException("database '" + live + "': its live data should be in '" + aside + "', which is missing");
                }
                journal.record(entry.at(SwapJournal.PUTTING_BACK));
                Map<String, Long> points = counts != null ? counts
                        : new InfluxRestore(datastore, settings).countPoints(connection, aside, entry.policies());
                new DatabaseSwap(datastore, settings, connection).replace(new LoadedDatabase(live, aside, entry.policies(),
                        entry.continuousQueries(), points)); // drops the aside copy once the live database is whole
                journal.record(entry.at(SwapJournal.PUT_BACK));
                return "'" + live + "': put back from its copy '" + aside + "' (" + points.values().stream().mapToLong(Long::longValue).sum()
                        + " points, " + entry.policies().size() + " retention policies and " + entry.continuousQueries().size()
                        + " continuous queries as they were), the copy dropped";
            default:
                throw new IOException("database '" + live + "': unknown swap state '" + entry.state() + "'");
        }
    }

    /**
     * The commit's destructive part, safe to repeat: drops {@code asides} (the copies of the swap
     * of {@code stamp}), or with {@code keepReplaced} keeps them and drops the aside copies of
     * every other swap. Returns the databases dropped.
     */
    List<String> finishCommit(String stamp, Collection<String> asides, boolean keepReplaced) throws IOException {
        List<String> dropped = new ArrayList<>();
        Set<String> ours = Set.copyOf(asides);
        for (String database : new InfluxCatalog(connection).databases()) {
            if (SwapMarkers.removedAtCommit(database, ArtifactNames::isAside, ArtifactNames::stampOf, stamp, ours, keepReplaced)) {
                drop(database);
                dropped.add(database);
            }
        }
        return dropped;
    }

    /** Refuses, as before settling was possible, a swap whose journal does not say enough to roll it back. */
    private static void refuseUndeterminable(String marker, String stamp, SwapJournal.Contents contents, List<String> present)
            throws IOException {
        List<String> lines = new ArrayList<>();
        boolean undeterminable = false;
        for (SwapJournal.Entry entry : contents.entries().values()) {
            String live = entry.database();
            String aside = ArtifactNames.aside(live, stamp);
            boolean holdsLive = SwapJournal.REPLACING.equals(entry.state()) || SwapJournal.PUTTING_BACK.equals(entry.state());
            if (!Set.of(SwapJournal.PENDING, SwapJournal.COPYING_ASIDE, SwapJournal.NO_LIVE_DATABASE, SwapJournal.PUT_BACK,
                    SwapJournal.REPLACING, SwapJournal.PUTTING_BACK).contains(entry.state())
                    || (holdsLive && (entry.policies() == null || entry.continuousQueries() == null))
                    || (SwapJournal.REPLACING.equals(entry.state()) && !present.contains(aside))) {
                undeterminable = true;
            }
            lines.add(switch (entry.state()) {
                case SwapJournal.PENDING, SwapJournal.PUT_BACK -> "'" + live + "': as it was";
                case SwapJournal.COPYING_ASIDE -> "'" + live + "': untouched, its copy '" + aside + "' is incomplete: drop '" + aside + "'";
                case SwapJournal.NO_LIVE_DATABASE -> "'" + live + "': did not exist before that restore: drop it to put back, or keep it";
                default -> "'" + live + "': the live data is in '" + aside + "' (retention policies kept for ever there; its continuous"
                        + " queries are not): to put it back, drop '" + live + "', create it with its policies and copy the points"
                        + " back (SELECT * INTO \"" + live + "\".\"<rp>\".:MEASUREMENT FROM \"" + aside + "\".\"<rp>\"./.*/ GROUP BY *,"
                        + " per policy), then drop '" + aside + "'; or, to keep what that restore put in place, drop '" + aside + "'";
            });
        }
        if (undeterminable) {
            lines.add("then drop the marker database '" + marker + "'");
            throw SwapMarkers.undeterminable(marker, lines);
        }
    }

    private void drop(String database) throws IOException {
        connection.query(null, "DROP DATABASE " + InfluxQl.identifier(database));
    }
}
