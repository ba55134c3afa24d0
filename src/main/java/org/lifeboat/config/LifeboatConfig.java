package org.lifeboat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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

        @WithDefault("22")
        int port();

        String user();

        /** The ed25519 private key (0600). */
        Path privateKeyFile();

        /** The pinned host key; an unknown or changed host key is refused. */
        Path knownHostsFile();

        @WithDefault("PT20S")
        Duration connectTimeout();
    }

    /** The backup role: can write sets, cannot read them (public keys only). */
    interface BackupRole {
        /** age recipients ({@code age1…}), one per line. */
        Path recipientsFile();

        /** zstd level, 1 to 19. */
        @WithDefault("3")
        int compressionLevel();

        /** Run prune after every successful backup. */
        @WithDefault("true")
        boolean pruneAfterBackup();

        /** precheck fails if the backup server has less free space than this many times the last set. */
        @WithDefault("1.5")
        double freeSpaceFactor();
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
    }

    /** A PostgreSQL server. */
    interface Postgres {
        /** {@code dump}: pg_dump per database. */
        @WithDefault("dump")
        String mode();

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5432")
        int port();

        @WithDefault("postgres")
        String user();

        /** A file holding the password (0600). */
        Optional<Path> passwordFile();

        /** Or the name of an environment variable holding it. */
        Optional<String> passwordEnv();

        /** Databases to back up; default every database that is not a template. */
        Optional<List<String>> databases();

        /** Databases never backed up. */
        Optional<List<String>> excludeDatabases();

        /** Where pg_dump, pg_dumpall and pg_restore are. */
        @WithDefault("/usr/lib/postgresql/15/bin")
        Path binDir();

        /** Keep role passwords in the roles dump (off: roles are dumped without passwords). */
        @WithDefault("false")
        boolean includeRolePasswords();

        /** On restore, keep owners and privileges (needs the roles to exist on the target). */
        @WithDefault("false")
        boolean restoreOwnership();
    }
}
