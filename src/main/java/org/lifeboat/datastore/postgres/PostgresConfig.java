package org.lifeboat.datastore.postgres;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Optional;

/**
 * {@code lifeboat.datastores.postgres}: a PostgreSQL server, backed up in {@link PostgresMode}
 * {@code dump} or {@code differential} mode.
 *
 * <p>Defaults are default methods beside an {@code Optional} setting rather than
 * {@code @WithDefault}: this group is mapped as {@code Optional}, and SmallRye Config counts a
 * {@code @WithDefault} inside an optional group as a configured value, so an absent
 * {@code postgres} would look present and fail for its required keys (SRCFG00014).
 */
public interface PostgresConfig {
    /** How it is backed up. */
    @WithName("mode")
    @WithConverter(PostgresMode.Converter.class)
    Optional<PostgresMode> modeSetting();

    /** Default dump. */
    default PostgresMode mode() {
        return modeSetting().orElse(PostgresMode.dump);
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

    /** The role, not a superuser, that loads the dumps when {@code user} is a superuser ({@link PgDumpOptions#restoreRole()}). */
    @WithName("restore-role")
    Optional<String> restoreRoleSetting();

    /** Default {@value PgDumpOptions#DEFAULT_RESTORE_ROLE}. */
    default String restoreRole() {
        return restoreRoleSetting().orElse(PgDumpOptions.DEFAULT_RESTORE_ROLE);
    }

    /** Load the dumps as the configured superuser after all (SQL in a forged dump then runs as superuser). */
    @WithName("restore-as-superuser")
    Optional<Boolean> restoreAsSuperuserSetting();

    /** Default false. */
    default boolean restoreAsSuperuser() {
        return restoreAsSuperuserSetting().orElse(false);
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

        Repository repository();

        /** The repository passphrase, alone in a 0600 file. */
        Path cipherPassFile();

        /** The weekday of the full backup; default sunday. */
        Optional<DayOfWeek> fullDay();

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
    interface Repository {
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
}
