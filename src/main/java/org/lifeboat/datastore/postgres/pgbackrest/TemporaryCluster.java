package org.lifeboat.datastore.postgres.pgbackrest;

import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lifeboat.process.ExternalProcess;

/**
 * A restored data directory started by {@code pg_ctl} as the cluster's OS user on a free port,
 * reachable only through its Unix socket in a private folder ({@code listen_addresses} empty, so
 * nothing else can log in while it is checked), with WAL archiving off.
 */
final class TemporaryCluster {

    private static final int START_TIMEOUT_SECONDS = 3600;

    private final PgBackRestCommands commands;
    private final Path dataDir;
    private final Path socketDir;
    private final int port;
    private boolean running;

    private TemporaryCluster(PgBackRestCommands commands, Path dataDir, Path socketDir, int port) {
        this.commands = commands;
        this.dataDir = dataDir;
        this.socketDir = socketDir;
        this.port = port;
    }

    /** Starts {@code dataDir}, waits until recovery is over (promoted), and returns it running. */
    static TemporaryCluster start(PgBackRestCommands commands, Path dataDir, String osUser) throws IOException {
        Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "lifeboat-pgbr-");
        Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwx------"));
        LocalFiles.chown(socketDir, osUser);
        TemporaryCluster cluster = new TemporaryCluster(commands, dataDir, socketDir, freePort());
        String options = "-p " + cluster.port + " -c listen_addresses='' -k " + PgBackRestCommands.shellQuote(socketDir.toString())
                + " -c archive_mode=off";
        try {
            ExternalProcess.run(commands.clusterTool("pg_ctl start of the restored cluster in '" + dataDir + "'", "pg_ctl",
                    List.of("-D", dataDir.toString(), "-l", cluster.log().toString(), "-w", "-t",
                            Integer.toString(START_TIMEOUT_SECONDS), "-o", options, "start")));
            cluster.running = true;
            cluster.awaitPromotion();
        } catch (IOException e) {
            String log = cluster.logTail();
            cluster.stop();
            throw new IOException(e.getMessage() + log, e);
        }
        return cluster;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Where it can be reached: socket folder and port. */
    String address() {
        return "socket " + socketDir + " port " + port;
    }

    /** Row counts of every database, by database then table, unlogged tables marked ({@link PostgresRowCounts#PHYSICAL_COUNTS}). */
    Map<String, Map<String, Long>> counts() throws IOException {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (String database : query("postgres", PostgresRowCounts.DATABASES).split("\u001e")) {
            if (!database.isBlank()) {
                counts.put(database.strip(), PostgresRowCounts.parse(query(database.strip(), PostgresRowCounts.PHYSICAL_COUNTS)));
            }
        }
        return counts;
    }

    /** psql's unaligned output of {@code sql} in {@code database}: fields split by US, rows by RS. */
    String query(String database, String sql) throws IOException {
        return ExternalProcess.run(commands.clusterTool("psql on the restored cluster (" + address() + "), database '" + database + "'",
                "psql", List.of("-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", "\u001f", "-R", "\u001e",
                        "-h", socketDir.toString(), "-p", Integer.toString(port), "-d", database, "-c", sql)));
    }

    /** Fast shutdown, if it runs; then the socket folder is removed. */
    void stop() throws IOException {
        if (running) {
            ExternalProcess.run(commands.clusterTool("pg_ctl stop of the restored cluster in '" + dataDir + "'", "pg_ctl",
                    List.of("-D", dataDir.toString(), "-m", "fast", "-w", "-t", "300", "stop")));
            running = false;
        }
        try {
            Files.deleteIfExists(log());
            Files.deleteIfExists(socketDir);
        } catch (IOException e) {
            // a leftover empty folder in /tmp is harmless; the cluster itself is stopped
        }
    }

    private void awaitPromotion() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT_SECONDS * 1_000_000_000L;
        while (!"f".equals(query("postgres", "SELECT pg_is_in_recovery()").replace("\u001e", "").strip())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the restored cluster in '" + dataDir + "' is still recovering after " + START_TIMEOUT_SECONDS + " s");
            }
            sleep();
        }
    }

    private Path log() {
        return socketDir.resolve("postgres.log");
    }

    /** The end of the server log, for an error message. */
    String logTail() {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(log()));
            return "; server log (" + log() + "): " + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return ""; // no log yet: the error itself says why
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the restored cluster", e);
        }
    }
}
