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
import org.lifeboat.process.ExternalProcess;

/**
 * A restored and checked cluster, running on its private socket.
 *
 * <ul>
 *   <li>{@link #swapIn()} stops it and the live cluster, moves the live data directory aside to
 *       {@code <data>.lifeboat-aside-<stamp>}, moves the restored one into its place and starts it
 *       with the live cluster's own start options ({@code postmaster.opts}). Before its first step
 *       it writes the marker file {@code <data>.lifeboat-swap}, and the step it is at before each.
 *   <li>{@link #rollBack()} stops the restored cluster, moves it away and removes it, moves the
 *       aside directory back and starts the old cluster as it was started before (if it ran).
 *   <li>{@link #commit()} removes the aside directory; with {@code keep-replaced} it keeps this
 *       one and removes those of earlier restores. Then it removes the marker.
 * </ul>
 *
 * <p>A Lifeboat killed between the swap and the commit leaves the marker file; the next restore
 * refuses to start while it exists ({@link #refuseInterrupted}), saying where each directory is
 * and what to do. When the settings say not to swap, it leaves the checked cluster running and
 * says where.
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
    private String options;
    private boolean liveStopped;
    private boolean movedAside;
    private boolean putIn;
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
        return live.resolveSibling(live.getFileName() + ".lifeboat-swap");
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

    /** Refuses a restore while the marker file says an earlier swap was interrupted, saying what is where. */
    static void refuseInterrupted(Path live) throws IOException {
        Path marker = marker(live);
        if (!Files.exists(marker)) {
            return;
        }
        String state = Files.readString(marker, StandardCharsets.UTF_8).strip();
        throw new IOException("an earlier restore was interrupted between its swap and its commit (marker '" + marker + "': " + state
                + "); nothing is restored until it is resolved by hand, so that the live data directory kept aside is not lost. The"
                + " data directories beside '" + live + "': " + asideDirs(live) + ". To put the old cluster back: stop the cluster of '"
                + live + "' if it runs, move '" + live + "' away, move the aside directory named in the marker back to '" + live
                + "' and start it; or, to keep what that restore put in place, remove the aside directory. Then remove '" + marker + "'");
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
        try {
            options = startOptions(Files.readString(live.resolve("postmaster.opts"), StandardCharsets.UTF_8), live);
        } catch (IOException e) {
            throw new IOException("cannot swap: no start options of the live cluster in '" + live
                    + "/postmaster.opts' (" + e.getMessage() + "); the checked cluster stays in '" + cluster.dataDir() + "'", e);
        }
        kept = true; // from here on the restored directory is the one to keep
        aside = asideDir(live, SwapStamp.now());
        Path log = live.resolveSibling(live.getFileName() + ".lifeboat-start.log");
        try {
            journal("stopping the restored and the live cluster; the live data directory will be moved to '" + aside + "'");
            cluster.stop();
            liveStopped = pgCtl("stop of the live cluster", live, List.of("-m", "fast", "-w", "-t", "300", "stop"), true);
            journal("the live data directory is being moved to '" + aside + "'");
            Files.move(live, aside, StandardCopyOption.ATOMIC_MOVE);
            movedAside = true;
            journal("the live data directory is in '" + aside + "'; the restored one is being moved from '" + cluster.dataDir()
                    + "' to '" + live + "'");
            Files.move(cluster.dataDir(), live, StandardCopyOption.ATOMIC_MOVE);
            putIn = true;
            journal("the restored data directory is in '" + live + "', the live one in '" + aside + "'");
            try {
                pgCtl("start of the restored cluster", live, List.of("-l", log.toString(), "-w", "-t", "600", "-o", options, "start"), false);
            } catch (IOException e) {
                throw new IOException("the restored cluster is in '" + live + "' but did not start (log '" + log + "'): " + e.getMessage(), e);
            }
            Files.deleteIfExists(log); // kept only when the start failed
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
        if (aside == null) {
            if (!kept) {
                discard.run();
            }
            return;
        }
        Path live = settings.cluster().dataDir();
        Path restored = cluster.dataDir();
        try {
            if (putIn) {
                pgCtl("stop of the restored cluster", live, List.of("-m", "fast", "-w", "-t", "300", "stop"), true);
                Files.move(live, restored, StandardCopyOption.ATOMIC_MOVE);
                putIn = false;
            }
            if (movedAside) {
                Files.move(aside, live, StandardCopyOption.ATOMIC_MOVE);
                movedAside = false;
            }
            if (liveStopped) {
                Path log = live.resolveSibling(live.getFileName() + ".lifeboat-start.log");
                pgCtl("start of the previous cluster", live, List.of("-l", log.toString(), "-w", "-t", "600", "-o", options, "start"), false);
                Files.deleteIfExists(log);
                liveStopped = false;
            }
            if (Files.exists(restored)) {
                ExternalProcess.run(commands.asUser("removal of '" + restored + "'", List.of("rm", "-rf", "--", restored.toString())));
            }
            Files.deleteIfExists(marker(live));
        } catch (IOException | RuntimeException e) {
            throw new IOException("unable to put the previous cluster back: " + e.getMessage() + "; " + state(), e);
        }
        LOG.infof("%s: rolled back: the previous cluster is back in '%s'", datastore.name(), live);
    }

    @Override
    public void commit() throws IOException {
        settled = true;
        if (aside == null) {
            return;
        }
        Path live = settings.cluster().dataDir();
        try {
            for (Path dir : asideDirs(live)) {
                if (!keepReplaced || !dir.equals(aside)) {
                    ExternalProcess.run(commands.asUser("removal of '" + dir + "'", List.of("rm", "-rf", "--", dir.toString())));
                }
            }
            movedAside = false;
            Files.deleteIfExists(marker(live));
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
            // close never throws; the marker file left behind stops the next restore until resolved
            LOG.warnf("%s: cleanup after the restore failed: %s", datastore.name(), e.getMessage());
        }
    }

    private void journal(String step) throws IOException {
        Files.writeString(marker(settings.cluster().dataDir()), step + "\n", StandardCharsets.UTF_8);
    }

    /** What is where now, for an error message. */
    private String state() {
        Path live = settings.cluster().dataDir();
        return (putIn ? "the restored data directory is in '" + live + "'" : "the restored data directory is in '" + cluster.dataDir() + "'")
                + (movedAside ? ", the previous one in '" + aside + "'" : ", the previous one in '" + live + "'")
                + (liveStopped ? " (stopped)" : "");
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

    /** Runs pg_ctl; with {@code onlyIfRunning}, only if the cluster runs. Returns whether it ran. */
    private boolean pgCtl(String what, Path dir, List<String> arguments, boolean onlyIfRunning) throws IOException {
        if (onlyIfRunning) {
            try (ExternalProcess status = ExternalProcess.start(commands.clusterTool("pg_ctl status", "pg_ctl",
                    List.of("-D", dir.toString(), "status")))) {
                status.stdout().transferTo(java.io.OutputStream.nullOutputStream());
                int code = status.await();
                if (code == 3) {
                    return false; // not running: nothing to stop
                }
                if (code != 0) {
                    throw new IOException("pg_ctl status of '" + dir + "' failed with exit code " + code + status.stderrSuffix());
                }
            }
        }
        List<String> argv = new java.util.ArrayList<>(List.of("-D", dir.toString()));
        argv.addAll(arguments);
        ExternalProcess.run(commands.clusterTool("pg_ctl " + what + " in '" + dir + "'", "pg_ctl", argv));
        return true;
    }
}
