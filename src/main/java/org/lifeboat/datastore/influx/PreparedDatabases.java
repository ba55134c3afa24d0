package org.lifeboat.datastore.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.datastore.SwapStamp;

/**
 * The checked scratch databases of an InfluxDB restore. InfluxDB 1.x cannot rename a database, so
 * the swap copies ({@link DatabaseSwap}):
 *
 * <ul>
 *   <li>{@link #swapIn()}: first the marker database {@code _lifeboat_swap_<stamp>} is created
 *       (the swap's journal, {@link SwapJournal}); then for each database the live one is copied
 *       aside to {@code <db>_lifeboat_aside_<stamp>} (policies kept for ever there, points exactly,
 *       checked by counts; its continuous queries remembered), and only then replaced by the
 *       checked scratch copy.
 *   <li>{@link #rollBack()}: newest first, each live database is replaced again by its aside copy
 *       (with its own retention policies and continuous queries); a database the swap created is
 *       dropped; then the scratch copies and the marker are dropped.
 *   <li>{@link #commit()}: the aside copies are dropped, then the marker; with
 *       {@code keep-replaced} this swap's aside copies stay and those of earlier swaps are dropped.
 * </ul>
 *
 * <p>A Lifeboat killed between the swap and the commit leaves the marker; the next restore refuses
 * to start while one exists ({@link #refuseInterrupted}), naming each database, how far its swap
 * got, and what to do. Copying aside doubles the swap's time and, until the commit, the disk space.
 */
final class PreparedDatabases implements PreparedRestore {

    private static final Logger LOG = Logger.getLogger(PreparedDatabases.class);

    /** One database's swap, as far as it went. */
    private static final class Step {
        final LoadedDatabase restored;
        final String aside;
        LoadedDatabase asideCopy;
        boolean hadLive;
        boolean touched;

        Step(LoadedDatabase restored, String aside) {
            this.restored = restored;
            this.aside = aside;
        }
    }

    private final InfluxDumpDatastore datastore;
    private final InfluxSettings settings;
    private final List<LoadedDatabase> loaded;
    private final boolean keepReplaced;
    private final List<Step> steps = new ArrayList<>();
    private String stamp;
    private boolean swapFailed;
    private boolean settled;

    PreparedDatabases(InfluxDumpDatastore datastore, InfluxSettings settings, List<LoadedDatabase> loaded, boolean keepReplaced) {
        this.datastore = datastore;
        this.settings = settings;
        this.loaded = loaded;
        this.keepReplaced = keepReplaced;
    }

    /** Refuses a restore while a marker database says an earlier swap was interrupted, saying what is where. */
    static void refuseInterrupted(InfluxConnection connection) throws IOException {
        List<String> markers = new InfluxCatalog(connection).databases().stream().filter(ArtifactNames::isMarker).sorted().toList();
        if (markers.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String marker : markers) {
            for (Map.Entry<String, String> entry : SwapJournal.read(connection, marker).entrySet()) {
                String live = entry.getKey();
                String aside = ArtifactNames.aside(live, ArtifactNames.stampOf(marker));
                lines.add(switch (entry.getValue()) {
                    case SwapJournal.COPYING_ASIDE -> "'" + live + "': untouched, its copy '" + aside + "' is incomplete: drop '" + aside + "'";
                    case SwapJournal.NO_LIVE_DATABASE -> "'" + live + "': did not exist before that restore: drop it to put back, or keep it";
                    default -> "'" + live + "': the live data is in '" + aside + "' (retention policies kept for ever there; its continuous"
                            + " queries are not): to put it back, drop '" + live + "', create it with its policies and copy the points"
                            + " back (SELECT * INTO \"" + live + "\".\"<rp>\".:MEASUREMENT FROM \"" + aside + "\".\"<rp>\"./.*/ GROUP BY *,"
                            + " per policy), then drop '" + aside + "'; or, to keep what that restore put in place, drop '" + aside + "'";
                });
            }
            lines.add("then drop the marker database '" + marker + "'");
        }
        throw new IOException("an earlier restore was interrupted between its swap and its commit (marker " + String.join(", ", markers)
                + "); nothing is restored until it is resolved by hand, so that no live data kept aside is lost: "
                + String.join("; ", lines));
    }

    @Override
    public void swapIn() throws IOException {
        stamp = SwapStamp.now();
        Step current = null;
        try (InfluxConnection connection = datastore.connect()) {
            SwapJournal journal = new SwapJournal(connection, ArtifactNames.marker(stamp));
            journal.create();
            DatabaseSwap swap = new DatabaseSwap(datastore, settings, connection);
            List<String> present = new InfluxCatalog(connection).databases();
            for (LoadedDatabase database : loaded) {
                current = new Step(database, ArtifactNames.aside(database.database(), stamp));
                steps.add(current);
                current.hadLive = present.contains(database.database());
                if (current.hadLive) {
                    journal.record(database.database(), SwapJournal.COPYING_ASIDE);
                    current.asideCopy = swap.copyAside(database.database(), current.aside);
                    journal.record(database.database(), SwapJournal.REPLACING);
                } else {
                    journal.record(database.database(), SwapJournal.NO_LIVE_DATABASE);
                }
                current.touched = true;
                swap.replace(database);
            }
        } catch (IOException | RuntimeException e) {
            swapFailed = true;
            throw new IOException("unable to swap in database '"
                    + (current == null ? "?" : current.restored.database()) + "': " + e.getMessage() + "; " + state(), e);
        }
    }

    @Override
    public void rollBack() throws IOException {
        settled = true;
        if (stamp == null) {
            return;
        }
        List<Step> newestFirst = new ArrayList<>(steps);
        Collections.reverse(newestFirst);
        List<String> back = new ArrayList<>();
        try (InfluxConnection connection = datastore.connect()) {
            DatabaseSwap swap = new DatabaseSwap(datastore, settings, connection);
            for (Step step : newestFirst) {
                String live = step.restored.database();
                if (step.touched && step.asideCopy != null) {
                    swap.replace(step.asideCopy); // drops the aside copy once it is back
                } else if (step.touched && !step.hadLive) {
                    connection.query(null, "DROP DATABASE " + InfluxQl.identifier(live));
                }
                connection.query(null, "DROP DATABASE " + InfluxQl.identifier(step.aside));
                steps.remove(step);
                back.add(live);
            }
            for (LoadedDatabase database : loaded) {
                connection.query(null, "DROP DATABASE " + InfluxQl.identifier(database.scratch()));
            }
            new SwapJournal(connection, ArtifactNames.marker(stamp)).drop();
        } catch (IOException | RuntimeException e) {
            throw new IOException("unable to put the live databases back: " + e.getMessage() + "; put back: "
                    + (back.isEmpty() ? "none" : String.join(", ", back)) + "; " + state(), e);
        }
        LOG.infof("%s: rolled back: databases %s are as they were", datastore.name(), String.join(", ", back));
    }

    @Override
    public void commit() throws IOException {
        settled = true;
        if (stamp == null) {
            return;
        }
        try (InfluxConnection connection = datastore.connect()) {
            for (String database : new InfluxCatalog(connection).databases()) {
                boolean thisSwap = ArtifactNames.isAside(database) && ArtifactNames.stampOf(database).equals(stamp);
                boolean ours = steps.stream().anyMatch(step -> step.aside.equals(database));
                if (ArtifactNames.isAside(database) && (keepReplaced ? !thisSwap : ours)) {
                    connection.query(null, "DROP DATABASE " + InfluxQl.identifier(database));
                }
            }
            new SwapJournal(connection, ArtifactNames.marker(stamp)).drop();
        } catch (IOException | RuntimeException e) {
            throw new IOException("the restore is in place, but the copies kept aside could not all be dropped: "
                    + e.getMessage() + "; " + state(), e);
        }
    }

    /** Drops the scratch copies unless swapped in; after a swap commits, after a failed swap rolls back. */
    @Override
    public void close() {
        try {
            if (stamp == null) {
                try (InfluxConnection connection = datastore.connect()) {
                    for (LoadedDatabase database : loaded) {
                        connection.query(null, "DROP DATABASE " + InfluxQl.identifier(database.scratch()));
                    }
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
            LOG.warnf("%s: cleanup after the restore failed: %s", datastore.name(), e.getMessage());
        }
    }

    /** What is where now, for an error message. */
    private String state() {
        List<String> lines = new ArrayList<>();
        for (Step step : steps) {
            lines.add("database '" + step.restored.database() + "': " + (step.touched ? "replaced or partly replaced" : "as it was")
                    + (step.asideCopy != null ? ", its live data kept in '" + step.aside + "'" : ""));
        }
        List<String> pending = new ArrayList<>();
        loaded.stream().map(LoadedDatabase::database).filter(d -> steps.stream().noneMatch(s -> s.restored.database().equals(d)))
                .forEach(pending::add);
        if (!pending.isEmpty()) {
            lines.add("not swapped (live data as it was): " + String.join(", ", pending));
        }
        return String.join("; ", lines) + (stamp == null ? "" : "; the swap's marker is '" + ArtifactNames.marker(stamp) + "'");
    }
}
