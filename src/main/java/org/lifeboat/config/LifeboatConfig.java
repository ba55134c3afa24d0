package org.lifeboat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lifeboat.datastore.influx.InfluxConfig;
import org.lifeboat.datastore.minio.MinioConfig;
import org.lifeboat.datastore.mongo.MongoConfig;
import org.lifeboat.datastore.postgres.PostgresConfig;
import org.lifeboat.rebuild.PostRestoreConfig;

/**
 * Everything Lifeboat reads from its configuration file, under the prefix {@code lifeboat}. A
 * server has exactly one role: {@link #backup()} (production), {@link #restore()} (staging) or
 * {@link #server()} (the backup server itself: seal and prune).
 */
@ConfigMapping(prefix = "lifeboat")
public interface LifeboatConfig {

    /** This environment's name; in the backup role, the folder its sets are written to. */
    String environment();

    /** The backup server. */
    Store store();

    /** Present on a production server: the backup role. */
    Optional<BackupRole> backup();

    /** Present on a staging server: the restore role. */
    Optional<RestoreRole> restore();

    /** Present on the backup server itself: the server role, which seals published sets and prunes. */
    Optional<ServerRole> server();

    /** How many complete sets prune keeps. */
    Retention retention();

    /**
     * During the move to signed sets only: a set without a signature whose run finished before
     * this instant is accepted, with a warning. Empty: every set must be signed.
     */
    Optional<Instant> acceptUnsignedBefore();

    /** The datastores: what is backed up in the backup role, the targets in the restore role. */
    Datastores datastores();

    /** Time limits of external tools, per datastore. */
    TimeoutsConfig timeouts();

    /** One run at a time per environment. */
    RunLockConfig lock();

    /** {@code lifeboat serve}: schedules, health, metrics. */
    ServeConfig serve();

    /** Failure, success and staleness notifications. */
    AlertsConfig alerts();

    /** Where sets are stored. */
    interface Store {
        /** {@code sftp} (an SSH backup server) or {@code local} (a folder on this machine). */
        StoreType type();

        /** The folder that holds one sub-folder per environment. */
        String root();

        /** Required when {@link #type()} is {@code sftp}. */
        Optional<Sftp> sftp();
    }

    /** The two kinds of store. */
    enum StoreType { sftp, local }

    /** An SSH backup server reached with a key, its host key pinned. */
    interface Sftp {
        String host();

        @WithName("port")
        Optional<Integer> portSetting();

        /** Default 22. */
        default int port() {
            return portSetting().orElse(22);
        }

        String user();

        /** The ed25519 private key (0600). */
        Path privateKeyFile();

        /** The pinned host key; an unknown or changed host key is refused. */
        Path knownHostsFile();

        @WithName("connect-timeout")
        Optional<Duration> connectTimeoutSetting();

        /** Default PT20S. */
        default Duration connectTimeout() {
            return connectTimeoutSetting().orElse(Duration.parse("PT20S"));
        }
    }

    /** The backup role: can write sets, cannot read them (public keys only). */
    interface BackupRole {
        /** age recipients ({@code age1…}), one per line. */
        Path recipientsFile();

        /**
         * The ed25519 key (OpenSSH format, 0600) that signs every manifest; not the SSH login key.
         * Needed by {@code backup} and by every command that reads this environment's sets.
         */
        Optional<Path> signingKeyFile();

        /**
         * The backup role's own age identity (0600), needed by incremental modes (MinIO
         * {@code rsync}): it reads the indexes and mirror references the previous run wrote, and
         * keys the names of mirrored bodies. It never decrypts a body or any other artifact.
         */
        Optional<Path> stateIdentityFile();

        /** zstd level, 1 to 19. */
        @WithName("compression-level")
        Optional<Integer> compressionLevelSetting();

        /** Default 3. */
        default int compressionLevel() {
            return compressionLevelSetting().orElse(3);
        }

        /**
         * The old behaviour: production prunes over its own credential after every successful
         * backup (only where the store lets it delete). Off, the backup never deletes: production's
         * account on the backup server is append-only and retention runs in the server role.
         */
        @WithName("prune-after-backup")
        Optional<Boolean> pruneAfterBackupSetting();

        /** Default false: retention runs on the backup server. */
        default boolean pruneAfterBackup() {
            return pruneAfterBackupSetting().orElse(false);
        }

        /** precheck fails if the backup server has less free space than this many times the last set. */
        @WithName("free-space-factor")
        Optional<Double> freeSpaceFactorSetting();

        /** Default 1.5. */
        default double freeSpaceFactor() {
            return freeSpaceFactorSetting().orElse(1.5);
        }
    }

    /** The restore role: reads another environment's sets and restores them here. */
    interface RestoreRole {
        /** The environment whose sets are restored (staging reads production's). */
        String sourceEnvironment();

        /** The age identity (secret key) file (0600). */
        Path identityFile();

        /**
         * The keys whose manifest signatures are believed, in OpenSSH's allowed_signers format.
         * Needed by every command that reads the source environment's sets.
         */
        Optional<Path> allowedSignersFile();

        /** After a restore committed, keep the live data it replaced (the newest copy only) instead of dropping it. */
        @WithName("keep-replaced")
        Optional<Boolean> keepReplacedSetting();

        /** Default false. */
        default boolean keepReplaced() {
            return keepReplacedSetting().orElse(false);
        }

        /** The nightly drill; its defaults when absent. */
        Optional<Drill> drill();

        /** What runs after every datastore is swapped in, in order, before anything is committed (drill and disaster recovery). */
        Optional<List<PostRestoreConfig>> postRestore();
    }

    /**
     * {@code lifeboat.restore.drill}. Inside the optional restore group SmallRye applies no
     * {@code @WithDefault}, hence the {@code *Setting()}/default-method pairs.
     */
    interface Drill {
        /** A newer set than this must exist, or the drill fails ("no fresh backup since ..."). */
        @WithName("max-age")
        Optional<Duration> maxAgeSetting();

        /** Default 26 hours: a nightly backup with two hours of slack. */
        default Duration maxAge() {
            return maxAgeSetting().orElse(Duration.ofHours(26));
        }

        /** Where each drill's JSON report is written on this machine. */
        @WithName("report-dir")
        Optional<Path> reportDirSetting();

        /** Default {@code /var/lib/lifeboat/reports}. */
        default Path reportDir() {
            return reportDirSetting().orElse(Path.of("/var/lib/lifeboat/reports"));
        }
    }

    /**
     * The server role, on the backup server with the {@code local} store: it seals every set
     * production publishes (hands it to the keeper user, read-only), prunes by the retention
     * policy counting only sealed, signed sets, and sweeps the mirrors. Inside this optional group
     * SmallRye applies no {@code @WithDefault}, hence the {@code *Setting()}/default pairs.
     */
    interface ServerRole {
        /** The keys whose manifest signatures are believed (OpenSSH allowed_signers, production's key). */
        Path allowedSignersFile();

        /** The Unix user that owns sealed sets; nobody logs in as it. */
        @WithName("keeper-user")
        Optional<String> keeperUserSetting();

        /** Default {@code lifeboat-keeper}. */
        default String keeperUser() {
            return keeperUserSetting().orElse("lifeboat-keeper");
        }

        /** Production's SFTP user, which may still add bodies to the sealed mirror folders. */
        @WithName("writer-user")
        Optional<String> writerUserSetting();

        /**
         * A copy of production's state identity, only so the mirror sweep can read the sets'
         * references; without it mirrors are kept whole.
         */
        Optional<Path> stateIdentityFile();

        /** {@code prune} fails (after pruning) when the newest sealed set is older than this. */
        Optional<Duration> staleAfter();

        /**
         * A set is sealed only if it was published at most this long after the start its name
         * gives (a run never takes longer); a later one is a backdated set, never counted.
         */
        @WithName("publish-window")
        Optional<Duration> publishWindowSetting();

        /** Default PT36H. */
        default Duration publishWindow() {
            return publishWindowSetting().orElse(Duration.ofHours(36));
        }
    }

    /** Keep the newest complete set of each of the last N days, weeks and months. */
    interface Retention {
        @WithDefault("7")
        int daily();

        @WithDefault("5")
        int weekly();

        @WithDefault("12")
        int monthly();

        /** An unfinished ({@code .partial}) set older than this is removed. */
        @WithDefault("PT36H")
        Duration partialGrace();
    }

    /**
     * One entry per kind of datastore, each mapped by its family; absent means not configured.
     * A new kind adds its line here and its registration in {@link DatastoreKinds}.
     */
    interface Datastores {
        Optional<PostgresConfig> postgres();

        Optional<MongoConfig> mongo();

        Optional<InfluxConfig> influx();

        Optional<MinioConfig> minio();
    }
}

