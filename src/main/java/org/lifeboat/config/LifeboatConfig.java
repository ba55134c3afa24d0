package org.lifeboat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** The datastores: what is backed up in the backup role, the targets in the restore role. */
    Datastores datastores();

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

    /** One entry per datastore; absent means not configured. */
    interface Datastores {
        Optional<Postgres> postgres();

        Optional<Mongo> mongo();

        Optional<Influx> influx();

        Optional<Minio> minio();
    }

    /**
     * PostgreSQL differential mode: pgBackRest with its repository on the backup server, reached
     * over SSH in repository-host mode. Paths are on this host unless they say remote.
     */
    interface PgBackRest {
        /** Default {@code main}. */
        Optional<String> stanza();

        /** The pgBackRest binary, the same path on both hosts; default /usr/bin/pgbackrest. */
        Optional<Path> bin();

        /** Where Lifeboat writes pgbackrest.conf, the ssh wrapper, logs; default /var/lib/lifeboat/pgbackrest. */
        Optional<Path> workDir();

        /** The live data directory of the cluster ({@code pg1-path}). */
        Path dataDir();

        /** Default /var/run/postgresql. */
        Optional<Path> socketDir();

        /** The OS user owning the cluster; default postgres. */
        Optional<String> osUser();

        /** How the backup server reaches this host over SSH ({@code pg1-host}). */
        String sshHost();

        /** Default 22. */
        Optional<Integer> sshPort();

        PgBackRestRepository repository();

        /** The repository passphrase, alone in a 0600 file. */
        Path cipherPassFile();

        /** The weekday of the full backup; default sunday. */
        Optional<java.time.DayOfWeek> fullDay();

        /** Forces {@code full}, {@code diff} or {@code incr}. */
        Optional<String> type();

        /** Full backups kept; default lifeboat.retention.weekly. */
        Optional<Integer> retentionFull();

        /** Differential backups kept; default lifeboat.retention.daily. */
        Optional<Integer> retentionDiff();

        /** false: a restore leaves the checked cluster running beside the live one. Default true. */
        Optional<Boolean> swapIn();
    }

    /** The backup server as pgBackRest's repository host. */
    interface PgBackRestRepository {
        /** Default lifeboat.store.sftp.host. */
        Optional<String> host();

        /** Default lifeboat.store.sftp.port. */
        Optional<Integer> port();

        /** A shell user there who owns the repository and runs pgBackRest. */
        String user();

        /** On the backup server: where Lifeboat uploads that side's pgbackrest.conf; differs between environments. */
        String configDir();

        /** The private key reaching the backup server (readable by the cluster's OS user). */
        Path keyFile();

        /** Default lifeboat.store.sftp.known-hosts-file. */
        Optional<Path> knownHostsFile();

        /** On the backup server: the private key reaching this host. */
        String remoteKeyFile();

        /** On the backup server: the pinned host key of this host. */
        String remoteKnownHostsFile();
    }

    /** A MongoDB deployment, backed up through the Java driver in the mongodump layout. */
    interface Mongo {
        /** {@code mongodb://host:port/?options}, without credentials. */
        String connectionString();

        /** The user to authenticate as; none when absent. */
        Optional<String> user();

        /** A file holding the password (0600). */
        Optional<Path> passwordFile();

        /** Or the name of an environment variable holding it. */
        Optional<String> passwordEnv();

        /** Where the user is defined; default admin. */
        Optional<String> authDatabase();

        /** Databases to back up; default all but admin, local and config. */
        Optional<List<String>> databases();

        Optional<List<String>> excludeDatabases();

        /** Collections never backed up, as {@code database.collection}. */
        Optional<List<String>> excludeCollections();
    }

    /** An InfluxDB 1.x server, exported as line protocol. */
    interface Influx {
        /** The HTTP API, for example {@code http://127.0.0.1:8086}. */
        String url();

        Optional<String> user();

        Optional<Path> passwordFile();

        Optional<String> passwordEnv();

        /** Databases to back up; default all but _internal. */
        Optional<List<String>> databases();

        Optional<List<String>> excludeDatabases();

        /** Measurements never backed up, in every database. */
        Optional<List<String>> excludeMeasurements();

        /** The time window of one query while reading. */
        @WithName("chunk-duration")
        Optional<Duration> chunkDurationSetting();

        /** Default one day. */
        default Duration chunkDuration() {
            return chunkDurationSetting().orElse(Duration.ofDays(1));
        }

        /** Points per query chunk and per restore write. */
        @WithName("batch-size")
        Optional<Integer> batchSizeSetting();

        /** Default 10000. */
        default int batchSize() {
            return batchSizeSetting().orElse(10_000);
        }

        /** Timeout of one HTTP request. */
        @WithName("timeout")
        Optional<Duration> timeoutSetting();

        /** Default five minutes. */
        default Duration timeout() {
            return timeoutSetting().orElse(Duration.ofMinutes(5));
        }
    }

    /** A MinIO (or any S3) server, backed up through the MinIO SDK. */
    interface Minio {
        /**
         * {@code clone}: every object of every bucket into one archive per bucket; {@code rsync}:
         * only new and changed objects, into the mirror, with an index per bucket in each set.
         */
        @WithName("mode")
        Optional<String> modeSetting();

        /** Default clone. */
        default String mode() {
            return modeSetting().orElse("clone");
        }

        /** The server's URL, for example {@code http://127.0.0.1:9000}. */
        String endpoint();

        String accessKey();

        /** A file holding the secret key (0600). */
        Optional<Path> secretKeyFile();

        /** Or the name of an environment variable holding it. */
        Optional<String> secretKeyEnv();

        /** Buckets to back up; default every bucket. */
        Optional<List<String>> buckets();

        Optional<List<String>> excludeBuckets();

        /** Objects never backed up, as {@code bucket/key-prefix}. */
        Optional<List<String>> excludePrefixes();
    }

    /** A PostgreSQL server. */
    interface Postgres {
        /** {@code dump}: pg_dump per database. */
        @WithName("mode")
        Optional<String> modeSetting();

        /** Default dump. */
        default String mode() {
            return modeSetting().orElse("dump");
        }

        @WithName("host")
        Optional<String> hostSetting();

        /** Default 127.0.0.1. */
        default String host() {
            return hostSetting().orElse("127.0.0.1");
        }

        @WithName("port")
        Optional<Integer> portSetting();

        /** Default 5432. */
        default int port() {
            return portSetting().orElse(5432);
        }

        @WithName("user")
        Optional<String> userSetting();

        /** Default postgres. */
        default String user() {
            return userSetting().orElse("postgres");
        }

        /** A file holding the password (0600). */
        Optional<Path> passwordFile();

        /** Or the name of an environment variable holding it. */
        Optional<String> passwordEnv();

        /** Databases to back up; default every database that is not a template. */
        Optional<List<String>> databases();

        /** Databases never backed up. */
        Optional<List<String>> excludeDatabases();

        /** Where pg_dump, pg_dumpall and pg_restore are. */
        @WithName("bin-dir")
        Optional<Path> binDirSetting();

        /** Default /usr/lib/postgresql/15/bin. */
        default Path binDir() {
            return binDirSetting().orElse(Path.of("/usr/lib/postgresql/15/bin"));
        }

        /** Keep role passwords in the roles dump (off: roles are dumped without passwords). */
        @WithName("include-role-passwords")
        Optional<Boolean> includeRolePasswordsSetting();

        /** Default false. */
        default boolean includeRolePasswords() {
            return includeRolePasswordsSetting().orElse(false);
        }

        /** Settings of {@code mode: differential} (pgBackRest). */
        Optional<PgBackRest> pgbackrest();

        /** On restore, keep owners and privileges (needs the roles to exist on the target). */
        @WithName("restore-ownership")
        Optional<Boolean> restoreOwnershipSetting();

        /** Default false. */
        default boolean restoreOwnership() {
            return restoreOwnershipSetting().orElse(false);
        }
    }
}
