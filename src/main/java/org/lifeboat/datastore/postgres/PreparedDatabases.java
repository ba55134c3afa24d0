package org.lifeboat.datastore.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.AbstractPreparedRestore;
import org.lifeboat.datastore.SwapStamp;
import org.lifeboat.datastore.postgres.server.PostgresDatabases;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;

/**
 * The checked scratch databases of a dump restore, by the live database each replaces.
 *
 * <ul>
 *   <li>{@link #swapIn()}: for each database, the live one is renamed aside to
 *       {@code <db>__lifeboat_aside_<stamp>} (its sessions ended), then the scratch one takes its
 *       name. Nothing is copied: the swap of any size takes a few renames.
 *   <li>{@link #rollBack()}: newest first, the restored database is renamed away and dropped and
 *       the aside one gets its name back, exactly the database it was (same OID, settings, data).
 *   <li>{@link #commit()}: the aside databases are dropped; with {@code keep-replaced} each is
 *       renamed {@code <db>__lifeboat_kept_<stamp>} instead, and the copies earlier restores kept
 *       are dropped: what is kept is what the newest restore replaced.
 * </ul>
 *
 * <p>A Lifeboat killed between the swap and the commit leaves {@code __lifeboat_aside_} databases;
 * the next restore puts them back ({@link InterruptedSwap}). So that a commit killed half-way can
 * be told from that, a commit first renames every aside copy {@code __lifeboat_done_<stamp>} (or
 * {@code __lifeboat_kept_<stamp>}), and only then drops them.
 */
final class PreparedDatabases extends AbstractPreparedRestore {

    private static final Logger LOG = Logger.getLogger(PreparedDatabases.class);

    /** One database's swap, as far as it went. */
    private static final class Step {
        final String live;
        final String scratch;
        final String aside;
        boolean movedAside;
        boolean putIn;

        Step(String live, String scratch, String aside) {
            this.live = live;
            this.scratch = scratch;
            this.aside = aside;
        }
    }

    private final String name;
    private final PostgresEndpoint endpoint;
    private final Map<String, String> scratchByDatabase;
    private final boolean keepReplaced;
    private final List<Step> steps = new ArrayList<>();

    PreparedDatabases(String name, PostgresEndpoint endpoint, Map<String, String> scratchByDatabase, boolean keepReplaced) {
        super(LOG, name);
        this.name = name;
        this.endpoint = endpoint;
        this.scratchByDatabase = scratchByDatabase;
        this.keepReplaced = keepReplaced;
    }

    @Override
    public void swapIn() throws IOException {
        String stamp = SwapStamp.now();
        Step current = null;
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE)) {
            DatabaseSwap swap = new DatabaseSwap(connection);
            for (Map.Entry<String, String> entry : scratchByDatabase.entrySet()) {
                current = new Step(entry.getKey(), entry.getValue(), ArtifactNames.aside(entry.getKey(), stamp));
                steps.add(current);
                if (swap.exists(current.live)) {
                    swap.move(current.live, current.aside);
                    current.movedAside = true;
                }
                swap.move(current.scratch, current.live);
                current.putIn = true;
                LOG.infof("%s: database '%s' replaced by the restored copy%s", name, current.live,
                        current.movedAside ? "; the live one is kept aside as '" + current.aside + "' until the restore commits" : "");
            }
        } catch (IOException | SQLException e) {
            swapFailed();
            throw new IOException("unable to swap in database '" + (current == null ? "?" : current.live) + "' on " + endpoint + ": "
                    + e.getMessage() + "; " + state(), e);
        }
    }

    @Override
    public void rollBack() throws IOException {
        settled();
        List<String> back = new ArrayList<>();
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE)) {
            DatabaseSwap swap = new DatabaseSwap(connection);
            for (Step step : newestFirst(steps)) {
                if (step.putIn) {
                    swap.move(step.live, step.scratch);
                    step.putIn = false;
                }
                if (step.movedAside) {
                    swap.move(step.aside, step.live);
                    step.movedAside = false;
                }
                swap.drop(step.scratch);
                back.add(step.live);
            }
            for (String scratch : scratchByDatabase.values()) {
                swap.drop(scratch);
            }
        } catch (IOException | SQLException e) {
            throw new IOException("unable to put the live databases back on " + endpoint + ": " + e.getMessage() + "; put back: "
                    + listed(back) + "; " + state(), e);
        }
        LOG.infof("%s: rolled back: databases %s are as they were", name, String.join(", ", back));
    }

    @Override
    public void commit() throws IOException {
        settled();
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE)) {
            DatabaseSwap swap = new DatabaseSwap(connection);
            if (keepReplaced) {
                for (String older : PostgresDatabases.list(connection).stream().map(PostgresDatabases.Entry::name).toList()) {
                    if (ArtifactNames.isKept(older)) {
                        swap.drop(older);
                    }
                }
            }
            List<String> done = new ArrayList<>();
            for (Step step : steps) {
                if (!step.movedAside) {
                    continue;
                }
                String stamp = step.aside.substring(step.aside.length() - SwapStamp.LENGTH);
                if (keepReplaced) {
                    String kept = ArtifactNames.kept(step.live, stamp);
                    swap.move(step.aside, kept);
                    LOG.infof("%s: the replaced database '%s' is kept as '%s' (keep-replaced)", name, step.live, kept);
                } else {
                    String decided = ArtifactNames.done(step.live, stamp);
                    swap.move(step.aside, decided);
                    done.add(decided);
                }
                step.movedAside = false;
            }
            for (String decided : done) {
                swap.drop(decided);
            }
        } catch (IOException | SQLException e) {
            throw new IOException("the restore is in place, but the replaced databases could not all be dropped on " + endpoint
                    + ": " + e.getMessage() + "; " + state(), e);
        }
    }

    @Override
    protected boolean swapBegan() {
        return !steps.isEmpty();
    }

    @Override
    protected void discardScratch() throws IOException {
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE)) {
            DatabaseSwap swap = new DatabaseSwap(connection);
            for (String scratch : scratchByDatabase.values()) {
                swap.drop(scratch);
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e); // the same words in the warning of a failed cleanup
        }
    }

    /** What is where now, for an error message. */
    private String state() {
        List<String> lines = new ArrayList<>();
        for (Step step : steps) {
            lines.add("'" + step.live + "': " + (step.putIn ? "restored copy in place" : "live data in place") + (step.movedAside
                    ? ", the live data aside as '" + step.aside + "'" : step.putIn ? "" : ", restored copy in '" + step.scratch + "'"));
        }
        addNotSwapped(lines, scratchByDatabase.keySet(), steps.stream().map(step -> step.live).toList());
        return String.join("; ", lines);
    }
}
