package org.lifeboat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.lifeboat.datastore.influx.InfluxConfig;
import org.lifeboat.datastore.minio.MinioConfig;
import org.lifeboat.datastore.mongo.MongoConfig;
import org.lifeboat.datastore.postgres.PostgresConfig;

/**
 * Everything Lifeboat reads from its configuration file, under the prefix {@code lifeboat}. A
 * server has exactly one role: {@link #backup()} (production) or {@link #restore()} (staging).
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

        /** Run prune after every successful backup. */
        @WithName("prune-after-backup")
        Optional<Boolean> pruneAfterBackupSetting();

        /** Default true. */
        default boolean pruneAfterBackup() {
            return pruneAfterBackupSetting().orElse(true);
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

