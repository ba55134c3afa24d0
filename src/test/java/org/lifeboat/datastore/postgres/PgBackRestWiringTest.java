package org.lifeboat.datastore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.ConfigException;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.ConfigLoader;
import org.lifeboat.config.LifeboatConfig;
import org.lifeboat.datastore.PointInTime;
import org.lifeboat.datastore.postgres.pgbackrest.PgBackRestSettings;

class PgBackRestWiringTest {

    @TempDir
    Path dir;

    private LifeboatConfig load(String role, String postgresExtra) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, """
                lifeboat:
                  environment: staging
                  store:
                    type: sftp
                    root: /srv/lifeboat/
                    sftp:
                      host: backup.example
                      port: 2222
                      user: lb
                      private-key-file: /k
                      known-hosts-file: /kh
                %s
                  retention:
                    daily: 6
                    weekly: 4
                  datastores:
                    postgres:
                      mode: differential
                %s""".formatted(role, postgresExtra));
        return ConfigLoader.load(file, Map.of());
    }

    private static final String PGBACKREST = """
                  pgbackrest:
                    data-dir: /var/lib/postgresql/15/main
                    ssh-host: db1
                    cipher-pass-file: /pass
                    repository:
                      user: pgbackrest
                      config-dir: /srv/conf/staging
                      key-file: /key
                      remote-key-file: /r/key
                      remote-known-hosts-file: /r/kh
            """;

    @Test
    void theRepositoryIsTheSourceEnvironmentsFolderOnTheSftpServer() throws Exception {
        LifeboatConfig config = load("  restore:\n    source-environment: production\n    identity-file: /id", PGBACKREST);
        PgBackRestSettings settings = PgBackRestWiring.settings(config.datastores().postgres().orElseThrow(),
                new Appliance(config, Map.of()).datastoreContext(Optional.of(new PointInTime("2026-11-22 14:30:00+00", null))));
        assertEquals("/srv/lifeboat/production/pgbackrest", settings.repository().path());
        assertEquals("backup.example", settings.repository().host());
        assertEquals(2222, settings.repository().port());
        assertEquals(Path.of("/kh"), settings.repository().knownHostsFile());
        assertEquals(4, settings.retentionFull());
        assertEquals(6, settings.retentionDiff());
        assertEquals(DayOfWeek.SUNDAY, settings.fullDay());
        assertEquals("main", settings.stanza());
        assertEquals(Optional.of("2026-11-22 14:30:00+00"), settings.restore().targetTime());
        assertTrue(settings.restore().swapIn());
    }

    @Test
    void differentialModeWithoutItsSettingsIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("  backup:\n    recipients-file: /r", ""));
        assertTrue(e.getMessage().contains("lifeboat.datastores.postgres.pgbackrest"), e.getMessage());
    }
}
