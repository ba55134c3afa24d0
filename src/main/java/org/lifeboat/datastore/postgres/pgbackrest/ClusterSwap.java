package org.lifeboat.datastore.postgres.pgbackrest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.process.ExternalProcess;

/**
 * A restored and checked cluster, running on its private socket. {@link #swapIn()} stops it and
 * the live cluster, moves the live data directory aside to {@code <data>.lifeboat-previous} (the
 * one of the restore before is removed first), moves the restored one into its place and starts
 * it with the live cluster's own start options ({@code postmaster.opts}). When the settings say
 * not to swap, it leaves the checked cluster running and says where.
 */
final class ClusterSwap implements PreparedRestore {

    private static final Logger LOG = Logger.getLogger(ClusterSwap.class);

    private final PgBackRestDatastore datastore;
    private final PgBackRestSettings settings;
    private final PgBackRestCommands commands;
    private final TemporaryCluster cluster;
    private final Runnable discard;
    private boolean kept;

    ClusterSwap(PgBackRestDatastore datastore, PgBackRestSettings settings, PgBackRestCommands commands, TemporaryCluster cluster,
            Runnable discard) {
        this.datastore = datastore;
        this.settings = settings;
        this.commands = commands;
        this.cluster = cluster;
        this.discard = discard;
    }

    /** The live data directory moved aside by a swap. */
    static Path previousDir(Path live) {
        return live.resolveSibling(live.getFileName() + ".lifeboat-previous");
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
        Path previous = previousDir(live);
        String options;
        try {
            options = startOptions(Files.readString(live.resolve("postmaster.opts"), StandardCharsets.UTF_8), live);
        } catch (IOException e) {
            throw new IOException(datastore.describe() + ": cannot swap: no start options of the live cluster in '" + live
                    + "/postmaster.opts' (" + e.getMessage() + "); the checked cluster stays in '" + cluster.dataDir() + "'", e);
        }
        kept = true; // from here on the restored directory is the one to keep
        cluster.stop();
        pgCtl("stop of the live cluster", live, List.of("-m", "fast", "-w", "-t", "300", "stop"), true);
        if (Files.exists(previous)) {
            ExternalProcess.run(commands.asUser("removal of '" + previous + "'", List.of("rm", "-rf", "--", previous.toString())));
        }
        Files.move(live, previous, StandardCopyOption.ATOMIC_MOVE);
        Files.move(cluster.dataDir(), live, StandardCopyOption.ATOMIC_MOVE);
        Path log = live.resolveSibling(live.getFileName() + ".lifeboat-start.log");
        try {
            pgCtl("start of the restored cluster", live, List.of("-l", log.toString(), "-w", "-t", "600", "-o", options, "start"), false);
        } catch (IOException e) {
            throw new IOException(datastore.describe() + ": the restored cluster is in '" + live + "' but did not start (log '" + log
                    + "'); the previous data directory is in '" + previous + "': " + e.getMessage(), e);
        }
        LOG.infof("%s: restored cluster swapped in at '%s'; the previous one is kept in '%s'", datastore.name(), live, previous);
    }

    @Override
    public void close() {
        if (!kept) {
            discard.run();
        }
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

    private void pgCtl(String what, Path dir, List<String> arguments, boolean onlyIfRunning) throws IOException {
        if (onlyIfRunning) {
            try (ExternalProcess status = ExternalProcess.start(commands.clusterTool("pg_ctl status", "pg_ctl",
                    List.of("-D", dir.toString(), "status")))) {
                status.stdout().transferTo(java.io.OutputStream.nullOutputStream());
                int code = status.await();
                if (code == 3) {
                    return; // not running: nothing to stop
                }
                if (code != 0) {
                    throw new IOException("pg_ctl status of '" + dir + "' failed with exit code " + code + status.stderrSuffix());
                }
            }
        }
        List<String> argv = new java.util.ArrayList<>(List.of("-D", dir.toString()));
        argv.addAll(arguments);
        ExternalProcess.run(commands.clusterTool("pg_ctl " + what + " in '" + dir + "'", "pg_ctl", argv));
    }
}
