package org.lifeboat.datastore.postgres.pgbackrest;

import org.lifeboat.datastore.postgres.server.PostgresRowCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated files: where the secret goes and where it does not, the pinned host key, start options, counts. */
class PgBackRestConfigFileTest {

    private final PgBackRestConfigFile files = new PgBackRestConfigFile(ConfigFixtures.settings(), 5433);

    @Test
    void theDatabaseHostFileHasNoSecretAndPointsAtTheRepositoryHost() {
        String local = files.local();
        assertFalse(local.contains("cipher-pass"), local);
        assertContainsAll(local,
                "\nrepo1-host=backup.example\nrepo1-host-port=2222\nrepo1-host-user=pgbackrest\n",
                "repo1-host-config=/home/pgbackrest/lifeboat-production/pgbackrest.conf\n",
                "cmd-ssh=/var/lib/lifeboat/pgbackrest/ssh\n",
                "log-path=/var/lib/lifeboat/pgbackrest/postgres/log\n",
                "lock-path=/var/lib/lifeboat/pgbackrest/postgres/lock\n",
                "[main]\npg1-path=/var/lib/postgresql/15/main\npg1-port=5433\n",
                "compress-type=zst\n");
    }

    @Test
    void theRepositoryHostFileHoldsEncryptionRetentionAndTheWayBack() {
        String remote = files.remote("s3cret");
        assertContainsAll(remote,
                "repo1-path=/srv/lifeboat/production/pgbackrest\n",
                "repo1-cipher-type=aes-256-cbc\nrepo1-cipher-pass=s3cret\n",
                "repo1-retention-full=5\nrepo1-retention-diff=7\n",
                "pg1-host=db1.example\npg1-host-port=22\npg1-host-user=postgres\n",
                "pg1-host-config=/var/lib/lifeboat/pgbackrest/pgbackrest.conf\n",
                "cmd-ssh=/home/pgbackrest/lifeboat-production/ssh\n");
        assertThrows(IllegalArgumentException.class, () -> files.remote("two\nlines"));
    }

    @Test
    void sshPinsTheHostKeyAndNeverPrompts() {
        String config = PgBackRestConfigFile.sshConfig("/k/id ed25519", "/k/known_hosts");
        for (String line : new String[] {"StrictHostKeyChecking yes", "BatchMode yes", "UserKnownHostsFile \"/k/known_hosts\"",
                "IdentityFile \"/k/id ed25519\"", "IdentitiesOnly yes"}) {
            assertTrue(config.contains("  " + line + "\n"), config);
        }
        assertFalse(config.contains("StrictHostKeyChecking no"));
        assertTrue(PgBackRestConfigFile.sshWrapper("/w/it's/ssh_config").contains("exec /usr/bin/ssh -F '/w/it'\\''s/ssh_config' \"$@\""));
    }

    @Test
    void startOptionsComeFromPostmasterOptsWithoutTheBinaryAndDataDirectory() throws Exception {
        String opts = "/usr/lib/postgresql/15/bin/postgres \"-D\" \"/tmp/pg/data\" \"-p\" \"5433\" \"-c\" \"listen_addresses=127.0.0.1\""
                + " \"-k\" \"/tmp/pg/sock\"\n";
        assertEquals("\"-p\" \"5433\" \"-c\" \"listen_addresses=127.0.0.1\" \"-k\" \"/tmp/pg/sock\"",
                ClusterSwap.startOptions(opts, Path.of("/tmp/pg/data")));
        assertEquals("", ClusterSwap.startOptions("/usr/lib/postgresql/15/bin/postgres", Path.of("/tmp/pg/data")));
    }

    /** Asserts that {@code text} holds each of {@code parts}, in turn, showing the text when one is missing. */
    private static void assertContainsAll(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), text);
        }
    }

    @Test
    void countsAreComparedBothWays() {
        assertEquals(Map.of("public.a", 3L, "s.\"b c\"", 0L), PostgresRowCounts.parse("public.a\u001f3\u001es.\"b c\"\u001f0\n"));
        var expected = Map.of("app", Map.of("public.a", 3L));
        assertTrue(PostgresRowCounts.differences(expected, Map.of("app", Map.of("public.a", 3L))).isEmpty());
        assertEquals("app: public.a expected 3 rows, found 4",
                PostgresRowCounts.differences(expected, Map.of("app", Map.of("public.a", 4L))).get(0));
        assertEquals("database 'other' is not in the manifest",
                PostgresRowCounts.differences(expected, Map.of("app", Map.of("public.a", 3L), "other", Map.of())).get(0));
        assertEquals("database 'app' is missing", PostgresRowCounts.differences(expected, Map.of()).get(0));
    }
}
