package org.lifeboat.datastore.postgres.pgbackrest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.lifeboat.process.ExternalProcess;

/**
 * Settles the swap of data directories of a Lifeboat killed before it could commit or roll back,
 * as the marker file's journal ({@link SwapJournal}) says, and does the steps a rollback and a
 * commit share with it. A swap whose commit had begun is finished as {@link ClusterSwap#commit()}
 * would: the restored cluster stays (started again if it no longer runs), the aside directory
 * goes. Any other never committed, so it is rolled back as {@link ClusterSwap#rollBack()} would:
 * the cluster in the live directory is stopped, the restored directory moved out of the live
 * name and removed, the live one moved back and started with its own start options if it ran
 * before. Where each directory is tells how far a step got (each move is one rename), so every
 * step is safe to repeat and a settlement killed in turn is settled by the next run. Each action
 * is logged as a warning.
 *
 * <p>Only a marker that does not say enough (an older Lifeboat's, a single sentence; an aside
 * directory missing while the journal says it holds the live data) stops the restore, saying
 * where each directory is and the two ways to resolve it by hand.
 */
final class ClusterSettlement {

    private static final Logger LOG = Logger.getLogger(ClusterSettlement.class);

    private final PgBackRestDatastore datastore;
    private final PgBackRestCommands commands;
    private final Path live;

    ClusterSettlement(PgBackRestDatastore datastore, PgBackRestCommands commands, Path live) {
        this.datastore = datastore;
        this.commands = commands;
        this.live = live;
    }

    /** Settles the swap the marker file beside the live data directory says was interrupted, if any. */
    void settleInterrupted(boolean keepReplaced) throws IOException {
        SwapJournal.Step step = SwapJournal.read(live);
        if (step == null) {
            return;
        }
        if (step.aside() == null) {
            throw refusal(step.step(), "it was written by an older Lifeboat");
        }
        List<String> actions;
        String what;
        if (SwapJournal.COMMITTING.equals(step.step())) {
            actions = finishCommit(step, keepReplaced);
            what = "was killed during its commit: finished it, the restored cluster stays";
        } else {
            actions = putBack(step);
            what = "was killed before its commit: rolled back";
        }
        for (String action : actions) {
            LOG.warnf("%s: an earlier restore (marker '%s') %s: %s", datastore.name(), SwapJournal.marker(live), what, action);
        }
        LOG.warnf("%s: the earlier restore's swap is settled: removed its marker '%s'", datastore.name(), SwapJournal.marker(live));
    }

    /**
     * Puts the live data directory back under its name and running as before {@code step}'s swap,
     * removes the restored one and the marker; journals that it does so first. Returns what was
     * done, for the log.
     */
    List<String> putBack(SwapJournal.Step step) throws IOException {
        boolean asideThere = Files.exists(step.aside());
        boolean liveThere = Files.exists(live);
        boolean moved = SwapJournal.MOVING_IN.equals(step.step()) || SwapJournal.STARTING.equals(step.step());
        if ((moved && !asideThere) || (!asideThere && !liveThere) || (asideThere && liveThere && Files.exists(step.restored()))) {
            throw refusal(step.step(), "the data directories are not where its journal says ('" + step.aside() + "' "
                    + (asideThere ? "exists" : "is missing") + ", '" + live + "' " + (liveThere ? "exists" : "is missing") + ", '"
                    + step.restored() + "' " + (Files.exists(step.restored()) ? "exists" : "is missing") + ")");
        }
        SwapJournal.record(live, step.at(SwapJournal.PUTTING_BACK));
        List<String> actions = new ArrayList<>();
        if (asideThere) {
            if (liveThere) { // the restored directory, moved into the live name
                if (stopIfRunning(live)) {
                    actions.add("stopped the restored cluster in '" + live + "'");
                }
                Files.move(live, step.restored(), StandardCopyOption.ATOMIC_MOVE);
                actions.add("moved the restored data directory out of '" + live + "' to '" + step.restored() + "'");
            }
            Files.move(step.aside(), live, StandardCopyOption.ATOMIC_MOVE);
            actions.add("moved the live data directory back from '" + step.aside() + "' to '" + live + "'");
        }
        if (step.liveWasRunning() && !running(live)) {
            start("start of the previous cluster", step.options());
            actions.add("started the cluster in '" + live + "' with its own start options, as it ran before");
        }
        if (Files.exists(step.restored())) {
            stopIfRunning(step.restored());
            remove(step.restored());
            actions.add("removed the restored data directory '" + step.restored() + "'");
        }
        SwapJournal.remove(live);
        return actions;
    }

    /**
     * The commit's destructive part, safe to repeat: removes every aside directory beside the live
     * one, or with {@code keepReplaced} every one but {@code step}'s; the restored cluster is
     * started again if it no longer runs; then the marker goes. Returns what was done.
     */
    List<String> finishCommit(SwapJournal.Step step, boolean keepReplaced) throws IOException {
        List<String> actions = new ArrayList<>();
        for (Path dir : ClusterSwap.asideDirs(live)) {
            if (!keepReplaced || !dir.equals(step.aside())) {
                remove(dir);
                actions.add("removed the data directory kept aside '" + dir + "'");
            }
        }
        if (!running(live)) {
            start("start of the restored cluster", step.options());
            actions.add("started the restored cluster in '" + live + "' with the live cluster's start options");
        }
        SwapJournal.remove(live);
        return actions;
    }

    /** Whether a cluster runs in {@code dir} ({@code pg_ctl status}). */
    boolean running(Path dir) throws IOException {
        try (ExternalProcess status = ExternalProcess.start(commands.clusterTool("pg_ctl status", "pg_ctl",
                List.of("-D", dir.toString(), "status")))) {
            status.stdout().transferTo(OutputStream.nullOutputStream());
            int code = status.await();
            if (code == 3) {
                return false;
            }
            if (code != 0) {
                throw new IOException("pg_ctl status of '" + dir + "' failed with exit code " + code + status.stderrSuffix());
            }
            return true;
        }
    }

    /** Stops the cluster in {@code dir} (fast) if it runs; returns whether it ran. */
    boolean stopIfRunning(Path dir) throws IOException {
        if (!running(dir)) {
            return false;
        }
        ExternalProcess.run(commands.clusterTool("pg_ctl stop in '" + dir + "'", "pg_ctl",
                List.of("-D", dir.toString(), "-m", "fast", "-w", "-t", "300", "stop")));
        return true;
    }

    /** Starts the cluster in the live directory with {@code options}; its log is kept beside it only if the start fails. */
    void start(String what, String options) throws IOException {
        Path log = live.resolveSibling(live.getFileName() + ".lifeboat-start.log");
        try {
            ExternalProcess.run(commands.clusterTool("pg_ctl " + what + " in '" + live + "'", "pg_ctl",
                    List.of("-D", live.toString(), "-l", log.toString(), "-w", "-t", "600", "-o", options, "start")));
        } catch (IOException e) {
            throw new IOException("the cluster in '" + live + "' did not start (log '" + log + "'): " + e.getMessage(), e);
        }
        Files.deleteIfExists(log);
    }

    void remove(Path dir) throws IOException {
        ExternalProcess.run(commands.asUser("removal of '" + dir + "'", List.of("rm", "-rf", "--", dir.toString())));
    }

    /** The refusal of a swap that cannot be settled from its journal, saying what is where and what to do. */
    private IOException refusal(String state, String why) throws IOException {
        Path marker = SwapJournal.marker(live);
        return new IOException("an earlier restore was interrupted between its swap and its commit (marker '" + marker + "': " + state
                + ") and " + why + "; nothing is restored until it is resolved by hand, so that the live data directory kept aside"
                + " is not lost. The data directories beside '" + live + "': " + ClusterSwap.asideDirs(live) + ". To put the old"
                + " cluster back: stop the cluster of '" + live + "' if it runs, move '" + live + "' away, move the aside directory"
                + " named in the marker back to '" + live + "' and start it; or, to keep what that restore put in place, remove the"
                + " aside directory. Then remove '" + marker + "'");
    }
}
