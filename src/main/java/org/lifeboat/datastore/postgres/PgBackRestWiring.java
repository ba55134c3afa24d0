package org.lifeboat.datastore.postgres;

import java.nio.file.Path;
import java.time.DayOfWeek;
import org.lifeboat.ConfigException;
import org.lifeboat.datastore.DatastoreContext;
import org.lifeboat.datastore.PointInTime;
import org.lifeboat.datastore.postgres.pgbackrest.PgBackRestSettings;

/**
 * Builds the pgBackRest settings from the configuration: the repository defaults to the SFTP
 * backup server and lives at {@code <store.root>/<environment>/pgbackrest}; retention follows
 * Lifeboat's daily and weekly counts unless given.
 */
final class PgBackRestWiring {

    private static final String PREFIX = "lifeboat.datastores.postgres.pgbackrest.";

    private PgBackRestWiring() {
    }

    static PgBackRestSettings settings(PostgresConfig pg, DatastoreContext context) {
        PostgresConfig.PgBackRest b = pg.pgbackrest().orElseThrow();
        PostgresConfig.Repository r = b.repository();
        var sftp = context.backupServer();
        String host = r.host().or(() -> sftp.map(DatastoreContext.SshServer::host)).orElseThrow(() -> new ConfigException(
                PREFIX + "repository.host is needed when the store is not sftp"));
        int port = r.port().orElse(sftp.map(DatastoreContext.SshServer::port).orElse(22));
        Path knownHosts = r.knownHostsFile().or(() -> sftp.map(DatastoreContext.SshServer::knownHostsFile)).orElseThrow(
                () -> new ConfigException(PREFIX + "repository.known-hosts-file is needed when the store is not sftp"));
        PgBackRestSettings.Cluster cluster = new PgBackRestSettings.Cluster(b.dataDir(),
                b.socketDir().orElse(Path.of("/var/run/postgresql")), b.osUser().orElse("postgres"), pg.binDir(), b.sshHost(),
                b.sshPort().orElse(22));
        PgBackRestSettings.Repository repository = new PgBackRestSettings.Repository(host, port, r.user(),
                PgBackRestSettings.repositoryPath(context.storeRoot(), context.setsEnvironment()), r.configDir(), r.keyFile(),
                knownHosts, r.remoteKeyFile(), r.remoteKnownHostsFile());
        PgBackRestSettings.Restore restore = new PgBackRestSettings.Restore(
                context.pointInTime().map(PointInTime::time), context.pointInTime().map(PointInTime::lsn), b.swapIn().orElse(true));
        return new PgBackRestSettings(b.stanza().orElse("main"), b.bin().orElse(Path.of("/usr/bin/pgbackrest")),
                b.workDir().orElse(Path.of("/var/lib/lifeboat/pgbackrest")), cluster, repository, b.cipherPassFile(),
                b.fullDay().orElse(DayOfWeek.SUNDAY), b.type(), b.retentionFull().orElse(context.retentionWeekly()),
                b.retentionDiff().orElse(context.retentionDaily()), restore);
    }
}
