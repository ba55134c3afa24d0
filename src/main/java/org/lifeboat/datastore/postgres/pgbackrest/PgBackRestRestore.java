package org.lifeboat.datastore.postgres.pgbackrest;

import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.lifeboat.datastore.ArtifactSource;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.process.ExternalProcess;

/**
 * {@code prepare}: reads the set's backup record (to its end, so its digests are checked), runs
 * {@code pgbackrest restore} into a new data directory beside the live one
 * ({@code <data>.lifeboat-restore}), starts it on a private socket, waits for recovery to reach
 * the target and promote, and compares the row counts with the manifest. The live cluster is not
 * touched; {@link ClusterSwap} does that later.
 */
final class PgBackRestRestore {

    private static final Logger LOG = Logger.getLogger(PgBackRestRestore.class);

    private final PgBackRestDatastore datastore;
    private final PostgresEndpoint endpoint;
    private final PgBackRestSettings settings;
    private final PgBackRestCommands commands;

    PgBackRestRestore(PgBackRestDatastore datastore, PostgresEndpoint endpoint, PgBackRestSettings settings) {
        this.datastore = datastore;
        this.endpoint = endpoint;
        this.settings = settings;
        this.commands = new PgBackRestCommands(settings);
    }

    PreparedRestore prepare(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        Path restoreDir = restoreDir(settings);
        TemporaryCluster cluster = null;
        new ClusterSettlement(datastore, commands, settings.cluster().dataDir()).settleInterrupted(datastore.keepsReplaced());
        try {
            BackupInfo info = read(recorded, source);
            PgBackRestConfigFile files = new PgBackRestConfigFile(settings, endpoint.port());
            LocalFiles.write(settings, files);
            datastore.versions(commands);
            RepositorySide.upload(settings, files, commands);
            RepositoryInfo.parse(ExternalProcess.run(commands.remote("info", List.of("--output=json"))), settings.stanza())
                    .requireBackup(info.label());
            removeOwnFolder(restoreDir, "left by an earlier restore");
            ExternalProcess.run(commands.asUser("mkdir of '" + restoreDir + "'", List.of("mkdir", "-m", "700", restoreDir.toString())));
            ExternalProcess.run(commands.local("restore", restoreOptions(info, restoreDir)));
            cluster = TemporaryCluster.start(commands, restoreDir, settings.cluster().osUser());
            check(recorded, info, cluster);
            TemporaryCluster ready = cluster;
            return new ClusterSwap(datastore, settings, commands, ready,
                    () -> discard(ready, restoreDir, "of this restore, checked but not swapped in"), datastore.keepsReplaced());
        } catch (IOException | RuntimeException e) {
            discard(cluster, restoreDir, "of this restore, which failed");
            throw new IOException("restore into '" + restoreDir + "' failed: "
                    + PgBackRestErrors.explain(e.getMessage(), settings), e);
        }
    }

    /** The new data directory: beside the live one, never the live one. */
    static Path restoreDir(PgBackRestSettings settings) {
        Path live = settings.cluster().dataDir();
        return live.resolveSibling(live.getFileName() + ".lifeboat-restore");
    }

    private List<String> restoreOptions(BackupInfo info, Path restoreDir) {
        List<String> options = new ArrayList<>(List.of("--pg1-path=" + restoreDir, "--set=" + info.label(), "--archive-mode=off",
                "--target-action=promote"));
        PgBackRestSettings.Restore restore = settings.restore();
        if (restore.targetTime().isPresent()) {
            options.addAll(List.of("--type=time", "--target=" + restore.targetTime().get()));
        } else if (restore.targetLsn().isPresent()) {
            options.addAll(List.of("--type=lsn", "--target=" + restore.targetLsn().get()));
        } else {
            options.addAll(List.of("--type=name", "--target=" + info.restorePoint()));
        }
        return options;
    }

    private void check(DatastoreRecord recorded, BackupInfo info, TemporaryCluster cluster) throws IOException {
        Map<String, Map<String, Long>> actual = cluster.counts();
        PgBackRestSettings.Restore restore = settings.restore();
        if (restore.targetTime().isPresent() || restore.targetLsn().isPresent()) {
            LOG.infof("%s: point-in-time restore to %s: the manifest's counts describe restore point '%s', not this moment;"
                    + " not compared (%d databases restored)", datastore.name(), restore.targetTime().orElse(restore.targetLsn().orElse("")),
                    info.restorePoint(), actual.size());
            return;
        }
        List<String> notes = new ArrayList<>();
        List<String> differences = PostgresRowCounts.differences(PhysicalCounts.expected(recorded.counts(), actual, notes), actual);
        for (String note : notes) {
            LOG.warnf("%s: %s (recorded by an older Lifeboat; checked as existing and empty)", datastore.name(), note);
        }
        if (!differences.isEmpty()) {
            throw new IOException("the restored cluster does not match the manifest at restore point '" + info.restorePoint() + "': "
                    + String.join("; ", differences));
        }
        LOG.infof("%s: backup %s restored to '%s' and checked: %d databases match the manifest", datastore.name(), info.label(),
                cluster.dataDir(), actual.size());
    }

    /** Opens, reads to its end (so its digests are checked) and closes the set's backup record. */
    private static BackupInfo read(DatastoreRecord recorded, ArtifactSource source) throws IOException {
        for (ArtifactRecord artifact : recorded.artifacts()) {
            if (artifact.format().equals(BackupInfo.FORMAT)) {
                try (InputStream in = source.open(artifact)) {
                    return BackupInfo.fromJson(in.readAllBytes(), artifact.path());
                }
            }
        }
        throw new IOException("the set holds no " + BackupInfo.FILE_NAME);
    }

    /** Removes Lifeboat's own restore folder ({@code why} says whose it is, for the log); refuses anything else. */
    private void removeOwnFolder(Path dir, String why) throws IOException {
        if (dir.equals(settings.cluster().dataDir()) || !dir.getFileName().toString().endsWith(".lifeboat-restore")) {
            throw new IOException("refusing to remove '" + dir + "': not a Lifeboat restore folder");
        }
        if (Files.exists(dir)) {
            LOG.infof("%s: removing '%s' %s", datastore.name(), dir, why);
            ExternalProcess.run(commands.asUser("removal of '" + dir + "'", List.of("rm", "-rf", "--", dir.toString())));
        }
    }

    /**
     * After a failure, or when the checked cluster is not swapped in: stops the temporary cluster
     * and removes this run's restore folder ({@code why} says so in the log), never the live one.
     */
    void discard(TemporaryCluster cluster, Path restoreDir, String why) {
        try {
            if (cluster != null) {
                cluster.stop();
            }
            removeOwnFolder(restoreDir, why);
        } catch (IOException e) {
            // the live cluster is untouched; the next restore removes this folder before it starts
            LOG.warnf("%s: unable to clean up '%s': %s", datastore.name(), restoreDir, e.getMessage());
        }
    }
}
