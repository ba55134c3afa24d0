package org.lifeboat.datastore.postgres.pgbackrest;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.Optional;

/** Settings of a typical production host, for the tests of pure functions. */
final class ConfigFixtures {

    private ConfigFixtures() {
    }

    static PgBackRestSettings settings() {
        return new PgBackRestSettings("main", Path.of("/usr/bin/pgbackrest"), Path.of("/var/lib/lifeboat/pgbackrest"),
                new PgBackRestSettings.Cluster(Path.of("/var/lib/postgresql/15/main"), Path.of("/var/run/postgresql"), "postgres",
                        Path.of("/usr/lib/postgresql/15/bin"), "db1.example", 22),
                new PgBackRestSettings.Repository("backup.example", 2222, "pgbackrest", "/srv/lifeboat/production/pgbackrest",
                        "/home/pgbackrest/lifeboat-production", Path.of("/etc/lifeboat/pgbackrest_ed25519"),
                        Path.of("/etc/lifeboat/known_hosts"), "/home/pgbackrest/.ssh/to_db_ed25519", "/home/pgbackrest/.ssh/known_hosts"),
                Path.of("/etc/lifeboat/pgbackrest-passphrase"), DayOfWeek.SUNDAY, Optional.empty(), 5, 7,
                PgBackRestSettings.Restore.latestBackup());
    }
}
