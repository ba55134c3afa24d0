package org.lifeboat.run;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.Optional;
import org.lifeboat.config.ConfigException;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.datastore.pgbackrest.PgBackRestSettings;

/**
 * Builds the pgBackRest settings from the configuration: the repository defaults to the SFTP
 * backup server and lives at {@code <store.root>/<environment>/pgbackrest}; retention follows
 * Lifeboat's daily and weekly counts unless given.
 */
final class PgBackRestWiring {

    private PgBackRestWiring() {
    }

    static PgBackRestSettings settings(LifeboatConfig config, LifeboatConfig.Postgres pg, String environment,
            Optional<Appliance.PointInTime> pointInTime) {
        LifeboatConfig.PgBackRest b = pg.pgbackrest().orElseThrow();
        LifeboatConfig.PgBackRestRepository r = b.repository();
        Optional<LifeboatConfig.Sftp> sftp = config.store().sftp();
        String host = r.host().or(() -> sftp.map(LifeboatConfig.Sftp::host)).orElseThrow(() -> new ConfigException(
                "lifeboat.datastores.postgres.pgbackrest.repository.host is needed when the store is not sftp"));
        int port = r.port().orElse(sftp.map(LifeboatConfig.Sftp::port).orElse(22));
        Path knownHosts = r.knownHostsFile().or(() -> sftp.map(LifeboatConfig.Sftp::knownHostsFile)).orElseThrow(
                () -> new ConfigException("lifeboat.datastores.postgres.pgbackrest.repository.known-hosts-file is needed"
                        + " when the store is not sftp"));
        PgBackRestSettings.Cluster cluster = new PgBackRestSettings.Cluster(b.dataDir(),
                b.socketDir().orElse(Path.of("/var/run/postgresql")), b.osUser().orElse("postgres"), pg.binDir(), b.sshHost(),
                b.sshPort().orElse(22));
        PgBackRestSettings.Repository repository = new PgBackRestSettings.Repository(host, port, r.user(),
                PgBackRestSettings.repositoryPath(config.store().root(), environment), r.configDir(), r.keyFile(), knownHosts,
                r.remoteKeyFile(), r.remoteKnownHostsFile());
        PgBackRestSettings.Restore restore = new PgBackRestSettings.Restore(
                pointInTime.map(Appliance.PointInTime::time).flatMap(Optional::ofNullable),
                pointInTime.map(Appliance.PointInTime::lsn).flatMap(Optional::ofNullable), b.swapIn().orElse(true));
        return new PgBackRestSettings(b.stanza().orElse("main"), b.bin().orElse(Path.of("/usr/bin/pgbackrest")),
                b.workDir().orElse(Path.of("/var/lib/lifeboat/pgbackrest")), cluster, repository, b.cipherPassFile(),
                b.fullDay().orElse(DayOfWeek.SUNDAY), b.type(), b.retentionFull().orElse(config.retention().weekly()),
                b.retentionDiff().orElse(config.retention().daily()), restore);
    }
}
