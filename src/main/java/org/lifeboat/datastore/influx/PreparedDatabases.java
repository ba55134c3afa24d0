package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.AbstractPreparedRestore;
import org.lifeboat.datastore.SwapStamp;

/**
 * The checked scratch databases of an InfluxDB restore. InfluxDB 1.x cannot rename a database, so
 * the swap copies ({@link DatabaseSwap}):
 *
 * <ul>
 *   <li>{@link #swapIn()}: first the marker database {@code _lifeboat_swap_<stamp>} is created
 *       (the swap's journal, {@link SwapJournal}, naming every database to swap); then for each
 *       database its retention policies and continuous queries are journaled, the live one is
 *       copied aside to {@code <db>_lifeboat_aside_<stamp>} (policies kept for ever there, points
 *       exactly, checked by counts), and only then replaced by the checked scratch copy.
 *   <li>{@link #rollBack()}: newest first, each live database is replaced again by its aside copy
 *       (with its own retention policies and continuous queries); a database the swap created is
 *       dropped; then the scratch copies and the marker are dropped.
 *   <li>{@link #commit()}: the journal says the commit began, the aside copies are dropped, then the marker; with
 *       {@code keep-replaced} this swap's aside copies stay and those of earlier swaps are dropped.
 * </ul>
 *
 * <p>A Lifeboat killed in the swap, before the commit, or in the rollback or commit leaves the
 * marker; the next restore first settles that swap from its journal ({@link SwapSettlement}):
 * rolled back, or finished if its commit had begun. Copying aside doubles the swap's time and,
 * until the commit, the disk space.
 */
final class PreparedDatabases extends AbstractPreparedRestore {

    private static final Logger LOG = Logger.getLogger(PreparedDatabases.class);

    /** One database's swap, as far as it went. */
    private static final class Step {
        final LoadedDatabase restored;
        final String aside;
        LoadedDatabase asideCopy;
        List<RetentionPolicy> policies;
        List<String> continuousQueries;
        boolean hadLive;
        boolean touched;

        Step(LoadedDatabase restored, String aside) {
            this.restored = restored;
            this.aside = aside;
        }

        /** How far this database got, as the journal would say it. */
        String state() {
            if (touched && asideCopy != null) {
                return SwapJournal.REPLACING;
            }
            return touched && !hadLive ? SwapJournal.NO_LIVE_DATABASE : SwapJournal.COPYING_ASIDE;
        }

        SwapJournal.Entry entry(String state) {
            return new SwapJournal.Entry(restored.database(), state, policies, continuousQueries);
        }
    }

    private final InfluxDumpDatastore datastore;
    private final InfluxSettings settings;
    private final List<LoadedDatabase> loaded;
    private final boolean keepReplaced;
    private final List<Step> steps = new ArrayList<>();
    private String stamp;

    PreparedDatabases(InfluxDumpDatastore datastore, InfluxSettings settings, List<LoadedDatabase> loaded, boolean keepReplaced) {
        super(LOG, datastore.name());
        this.datastore = datastore;
        this.settings = settings;
        this.loaded = loaded;
        this.keepReplaced = keepReplaced;
    }

    /** Settles every swap a killed Lifeboat left ({@link SwapSettlement}), before a restore loads anything. */
    static void settleInterrupted(InfluxDumpDatastore datastore, InfluxSettings settings, InfluxConnection connection) throws IOException {
        new SwapSettlement(datastore, settings, connection).settleInterrupted();
    }

    @Override
    public void swapIn() throws IOException {
        stamp = SwapStamp.now();
        Step current = null;
        try (InfluxConnection connection = datastore.connect()) {
            SwapJournal journal = new SwapJournal(connection, ArtifactNames.marker(stamp));
            journal.create();
            for (LoadedDatabase database : loaded) {
                journal.record(new SwapJournal.Entry(database.database(), SwapJournal.PENDING, null, null));
            }
            DatabaseSwap swap = new DatabaseSwap(datastore, settings, connection);
            InfluxCatalog catalog = new InfluxCatalog(connection);
            List<String> present = catalog.databases();
            for (LoadedDatabase database : loaded) {
                String live = database.database();
                current = new Step(database, ArtifactNames.aside(live, stamp));
                steps.add(current);
                current.hadLive = present.contains(live);
                if (current.hadLive) {
                    current.policies = catalog.retentionPolicies(live);
                    current.continuousQueries = catalog.continuousQueries(live);
                    journal.record(current.entry(SwapJournal.COPYING_ASIDE));
                    current.asideCopy = swap.copyAside(live, current.aside, current.policies, current.continuousQueries);
                    journal.record(current.entry(SwapJournal.REPLACING));
                } else {
                    journal.record(current.entry(SwapJournal.NO_LIVE_DATABASE));
                }
                current.touched = true;
                swap.replace(database);
            }
        } catch (IOException | RuntimeException e) {
            swapFailed();
            throw new IOException("unable to swap in database '"
                    + (current == null ? "?" : current.restored.database()) + "': " + e.getMessage() + "; " + state(), e);
        }
    }

    @Override
    public void rollBack() throws IOException {
        settled();
        if (stamp == null) {
            return;
        }
        List<String> back = new ArrayList<>();
        try (InfluxConnection connection = datastore.connect()) {
            SwapSettlement settlement = new SwapSettlement(datastore, settings, connection);
            SwapJournal journal = new SwapJournal(connection, ArtifactNames.marker(stamp));
            List<String> present = new InfluxCatalog(connection).databases();
            for (Step step : newestFirst(steps)) {
                settlement.putBack(journal, step.entry(step.state()), step.aside, present,
                        step.asideCopy == null ? null : step.asideCopy.counts());
                steps.remove(step);
                back.add(step.restored.database());
            }
            dropScratch(connection);
            journal.drop();
        } catch (IOException | RuntimeException e) {
            throw new IOException("unable to put the live databases back: " + e.getMessage() + "; put back: "
                    + listed(back) + "; " + state(), e);
        }
        LOG.infof("%s: rolled back: databases %s are as they were", datastore.name(), String.join(", ", back));
    }

    @Override
    public void commit() throws IOException {
        settled();
        if (stamp == null) {
            return;
        }
        try (InfluxConnection connection = datastore.connect()) {
            SwapJournal journal = new SwapJournal(connection, ArtifactNames.marker(stamp));
            journal.committing();
            new SwapSettlement(datastore, settings, connection).finishCommit(stamp, steps.stream().map(step -> step.aside).toList(),
                    keepReplaced);
            journal.drop();
        } catch (IOException | RuntimeException e) {
            throw new IOException("the restore is in place, but the copies kept aside could not all be dropped: "
                    + e.getMessage() + "; " + state(), e);
        }
    }

    @Override
    protected boolean swapBegan() {
        return stamp != null;
    }

    @Override
    protected void discardScratch() throws IOException {
        try (InfluxConnection connection = datastore.connect()) {
            dropScratch(connection);
        }
    }

    private void dropScratch(InfluxConnection connection) throws IOException {
        for (LoadedDatabase database : loaded) {
            connection.query(null, "DROP DATABASE " + InfluxQl.identifier(database.scratch()));
        }
    }

    /** What is where now, for an error message. */
    private String state() {
        List<String> lines = new ArrayList<>();
        for (Step step : steps) {
            lines.add("database '" + step.restored.database() + "': " + (step.touched ? "replaced or partly replaced" : "as it was")
                    + (step.asideCopy != null ? ", its live data kept in '" + step.aside + "'" : ""));
        }
        addNotSwapped(lines, loaded.stream().map(LoadedDatabase::database).toList(),
                steps.stream().map(step -> step.restored.database()).toList());
        return String.join("; ", lines) + (stamp == null ? "" : "; the swap's marker is '" + ArtifactNames.marker(stamp) + "'");
    }
}
