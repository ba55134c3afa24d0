package org.lifeboat.datastore.postgres.pgbackrest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.datastore.SwapStamp;

/**
 * A restored and checked cluster, running on its private socket.
 *
 * <ul>
 *   <li>{@link #swapIn()} stops it and the live cluster, moves the live data directory aside to
 *       {@code <data>.lifeboat-aside-<stamp>}, moves the restored one into its place and starts it
 *       with the live cluster's own start options ({@code postmaster.opts}). Before each step it
 *       journals the step, where each directory goes, whether the live cluster ran and its start
 *       options in the marker file {@code <data>.lifeboat-swap} ({@link SwapJournal}).
 *   <li>{@link #rollBack()} stops the restored cluster, moves it away and removes it, moves the
 *       aside directory back and starts the old cluster as it was started before (if it ran).
 *   <li>{@link #commit()} journals that it began, removes the aside directory; with {@code keep-replaced} it keeps this
 *       one and removes those of earlier restores. Then it removes the marker.
 * </ul>
 *
 * <p>A Lifeboat killed in the swap, before the commit, or in the rollback or commit leaves the
 * marker file; the next restore first settles that swap ({@link ClusterSettlement}): the live
 * data directory is put back and running as it was, or the commit is finished if it had begun.
 * When the settings say not to swap, it leaves the checked cluster running and says where.
 */
final class ClusterSwap implements PreparedRestore {

    private static final Logger LOG = Logger.getLogger(ClusterSwap.class);
    private static final String ASIDE = ".lifeboat-aside-";
    /** Where a Lifeboat before stamped names kept the previous data directory. */
    private static final String OLD_PREVIOUS = ".lifeboat-previous";

    private final PgBackRestDatastore datastore;
    private final PgBackRestSettings settings;
    private final PgBackRestCommands commands;
    private final TemporaryCluster cluster;
    private final Runnable discard;
    private final boolean keepReplaced;
    private boolean kept;
    private Path aside;
    private SwapJournal.Step step;
    private boolean swapFailed;
    private boolean settled;

    ClusterSwap(PgBackRestDatastore datastore, PgBackRestSettings settings, PgBackRestCommands commands, TemporaryCluster cluster,
            Runnable discard, boolean keepReplaced) {
        this.datastore = datastore;
        this.settings = settings;
        this.commands = commands;
        this.cluster = cluster;
        this.discard = discard;
        this.keepReplaced = keepReplaced;
    }

    /** The live data directory moved aside by the swap of {@code stamp}. */
    static Path asideDir(Path live, String stamp) {
        return live.resolveSibling(live.getFileName() + ASIDE + stamp);
    }

    /** The marker file of a swap not yet committed or rolled back. */
    static Path marker(Path live) {
        return SwapJournal.marker(live);
    }

    /** Every data directory a swap moved aside beside {@code live} (stamped, or an older Lifeboat's), sorted. */
    static List<Path> asideDirs(Path live) throws IOException {
        try (java.util.stream.Stream<Path> beside = Files.list(live.toAbsolutePath().getParent())) {
            return beside.filter(p -> {
                String name = p.getFileName().toString();
                String prefix = live.getFileName() + ASIDE;
                return (name.startsWith(prefix) && SwapStamp.is(name.substring(prefix.length())))
                        || name.equals(live.getFileName() + OLD_PREVIOUS);
            }).sorted().toList();
        }
    }

    @Override
    public void swapIn() throws IOException {
        if (!settings.restore().swapIn()) {
            kept = true;
            LOG.infof("%s: swap disabled: the checked cluster stays running in '%s' (%s)", datastore.name(), cluster.dataDir(),
                    cluster.address());
            return;
        }
        Path live = settings.cluster().dataDir();
        String options;
        try {
            options = startOptions(Files.readString(live.resolve("postmaster.opts"), StandardCharsets.UTF_8), live);
        } catch (IOException e) {
            throw new IOException("cannot swap: no start options of the live cluster in '" + live
                    + "/postmaster.opts' (" + e.getMessage() + "); the checked cluster stays in '" + cluster.dataDir() + "'", e);
        }
        kept = true; // from here on the restored directory is the one to keep
        aside = asideDir(live, SwapStamp.now());
        ClusterSettlement control = control();
        try {
            SwapJournal.Step first = new SwapJournal.Step(SwapJournal.STOPPING, aside, cluster.dataDir(), control.running(live), options);
            record(first);
            cluster.stop();
            control.stopIfRunning(live);
            record(step.at(SwapJournal.MOVING_ASIDE));
            Files.move(live, aside, StandardCopyOption.ATOMIC_MOVE);
            record(step.at(SwapJournal.MOVING_IN));
            Files.move(cluster.dataDir(), live, StandardCopyOption.ATOMIC_MOVE);
            record(step.at(SwapJournal.STARTING));
            control.start("start of the restored cluster", options);
        } catch (IOException | RuntimeException e) {
            swapFailed = true;
            throw new IOException("swap failed: " + e.getMessage() + "; " + state(), e);
        }
        LOG.infof("%s: restored cluster swapped in at '%s'; the previous one is kept in '%s' until the restore commits",
                datastore.name(), live, aside);
    }

    @Override
    public void rollBack() throws IOException {
        settled = true;
        if (step == null) {
            if (!kept || aside != null) {
                discard.run(); // nothing of the swap was done: the checked cluster goes as if never swapped
            }
            return;
        }
        try {
            control().putBack(step);
        } catch (IOException | RuntimeException e) {
            throw new IOException("unable to put the previous cluster back: " + e.getMessage() + "; " + state(), e);
        }
        LOG.infof("%s: rolled back: the previous cluster is back in '%s'", datastore.name(), settings.cluster().dataDir());
    }

    @Override
    public void commit() throws IOException {
        settled = true;
        if (step == null) {
            return;
        }
        try {
            record(step.at(SwapJournal.COMMITTING));
            control().finishCommit(step, keepReplaced);
        } catch (IOException | RuntimeException e) {
            throw new IOException("the restored cluster is in place, but the previous data directory could"
                    + " not be removed: " + e.getMessage() + "; " + state(), e);
        }
        if (keepReplaced) {
            LOG.infof("%s: the previous data directory is kept in '%s' (keep-replaced)", datastore.name(), aside);
        }
    }

    /** Discards the checked cluster unless it was kept; after a swap commits, after a failed swap rolls back. */
    @Override
    public void close() {
        if (!kept) {
            discard.run();
            return;
        }
        try {
            if (aside != null && !settled) {
                if (swapFailed) {
                    rollBack();
                } else {
                    commit();
                }
            }
        } catch (IOException e) {
            // close never throws; the marker file left behind is settled by the next restore
            LOG.warnf("%s: cleanup after the restore failed: %s", datastore.name(), e.getMessage());
        }
    }

    private ClusterSettlement control() {
        return new ClusterSettlement(datastore, commands, settings.cluster().dataDir());
    }

    private void record(SwapJournal.Step next) throws IOException {
        SwapJournal.record(settings.cluster().dataDir(), next);
        step = next;
    }

    /** Where each data directory is now (looked at, not remembered), for an error message. */
    private String state() {
        Path live = settings.cluster().dataDir();
        Path restored = cluster.dataDir();
        return "the restored data directory is in '" + (Files.exists(restored) || !Files.exists(live) ? restored : live) + "'"
                + ", the previous one in '" + (aside != null && Files.exists(aside) ? aside : live) + "'"
                + (step == null ? "" : "; the swap's last step: " + step.step() + ", journaled in '" + SwapJournal.marker(live) + "'");
    }

    /**
     * The server options of {@code postmaster.opts} (the binary and its {@code -D} dropped), as
     * one {@code pg_ctl -o} string; the file quotes every argument.
     */
    static String startOptions(String postmasterOpts, Path live) throws IOException {
        String text = postmasterOpts.strip();
        String dataOption = "\"-D\" \"" + live + "\"";
        int at = text.indexOf(dataOption);
        int firstQuote = text.indexOf(" \"");
        if (firstQuote < 0) {
            return "";
        }
        String arguments = text.substring(firstQuote + 1);
        if (at >= 0) {
            arguments = (text.substring(firstQuote + 1, at) + text.substring(at + dataOption.length())).strip();
        }
        if (arguments.contains("\n")) {
            throw new IOException("unexpected postmaster.opts: " + text);
        }
        return arguments;
    }
}
