package org.lifeboat.datastore.postgres.pgbackrest;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.Optional;

/**
 * Everything {@link PgBackRestDatastore} needs besides the PostgreSQL endpoint. Paths under
 * {@link Repository} are on the repository host; every other path is on this (the database) host.
 *
 * @param stanza the pgBackRest stanza, for example {@code main}
 * @param pgbackrest the pgBackRest binary, the same path on both hosts
 * @param workDir where Lifeboat writes this host's pgbackrest.conf, ssh wrapper, log and lock folders
 * @param cluster the PostgreSQL cluster on this host
 * @param repository the repository host and how each side reaches the other
 * @param cipherPassFile the repository passphrase, alone in a 0600 file
 * @param fullDay the weekday of the full backup; other days make a differential
 * @param type forces the backup type ({@code full}, {@code diff}, {@code incr}); empty: by {@code fullDay}
 * @param retentionFull full backups pgBackRest keeps ({@code repo1-retention-full})
 * @param retentionDiff differential backups pgBackRest keeps ({@code repo1-retention-diff})
 * @param restore how {@code prepare} and {@code swapIn} restore
 */
public record PgBackRestSettings(
        String stanza,
        Path pgbackrest,
        Path workDir,
        Cluster cluster,
        Repository repository,
        Path cipherPassFile,
        DayOfWeek fullDay,
        Optional<String> type,
        int retentionFull,
        int retentionDiff,
        Restore restore) {

    /**
     * The PostgreSQL cluster on this host.
     *
     * @param dataDir its live data directory ({@code pg1-path})
     * @param socketDir its Unix socket folder ({@code pg1-socket-path})
     * @param osUser the OS user owning it, who runs pgBackRest, pg_ctl and psql here
     * @param binDir where pg_ctl and psql are
     * @param sshHost how the repository host reaches this host over SSH ({@code pg1-host})
     * @param sshPort its SSH port ({@code pg1-host-port})
     */
    public record Cluster(Path dataDir, Path socketDir, String osUser, Path binDir, String sshHost, int sshPort) {
    }

    /**
     * The repository host (the backup server) and the SSH settings of both directions.
     *
     * @param host the backup server ({@code repo1-host})
     * @param port its SSH port
     * @param user the SSH user there, who owns the repository and runs pgBackRest there
     * @param path the repository, {@code <root>/<environment>/pgbackrest}
     * @param configDir on the repository host: where Lifeboat uploads that side's pgbackrest.conf and ssh wrapper
     * @param keyFile on this host: the private key reaching the repository host (readable by {@link Cluster#osUser()})
     * @param knownHostsFile on this host: the pinned host key of the repository host
     * @param remoteKeyFile on the repository host: the private key reaching this host as {@link Cluster#osUser()}
     * @param remoteKnownHostsFile on the repository host: the pinned host key of this host
     */
    public record Repository(String host, int port, String user, String path, String configDir, Path keyFile,
            Path knownHostsFile, String remoteKeyFile, String remoteKnownHostsFile) {

        /** {@code host:port}, for messages. */
        public String address() {
            return host + ":" + port;
        }
    }

    /**
     * How a restore is done.
     *
     * @param targetTime point-in-time recovery to this time ({@code --type=time}), for example {@code 2026-11-22 14:30:00+00}
     * @param targetLsn point-in-time recovery to this LSN ({@code --type=lsn}), for example {@code 0/3000060}
     * @param swapIn true: {@code swapIn()} stops the live cluster and moves the restored one in its place;
     *     false: it leaves the checked cluster running on its temporary port and says where
     */
    public record Restore(Optional<String> targetTime, Optional<String> targetLsn, boolean swapIn) {

        public static Restore latestBackup() {
            return new Restore(Optional.empty(), Optional.empty(), true);
        }
    }

    /** The repository folder for an environment: {@code <root>/<environment>/pgbackrest}. */
    public static String repositoryPath(String root, String environment) {
        return root.replaceAll("/+$", "") + "/" + environment + "/pgbackrest";
    }

    /** The restore settings replaced, for a point-in-time recovery or a run that does not swap. */
    public PgBackRestSettings withRestore(Restore other) {
        return new PgBackRestSettings(stanza, pgbackrest, workDir, cluster, repository, cipherPassFile, fullDay, type,
                retentionFull, retentionDiff, other);
    }
}
