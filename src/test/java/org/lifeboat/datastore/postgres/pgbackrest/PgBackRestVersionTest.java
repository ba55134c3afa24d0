package org.lifeboat.datastore.postgres.pgbackrest;

import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure parts: versions, their comparison, the backup type of a day, error wording. */
class PgBackRestVersionTest {

    @Test
    void parsesTheVersionOutput() {
        assertEquals("2.45", PgBackRestVersion.parse("pgBackRest 2.45\n"));
        assertEquals("2.55.1", PgBackRestVersion.parse("pgBackRest 2.55.1"));
        assertThrows(IllegalArgumentException.class, () -> PgBackRestVersion.parse("bash: pgbackrest: command not found"));
    }

    @Test
    void aVersionMismatchNamesBothVersionsAndHosts() {
        String message = PgBackRestVersion.mismatch("2.45", "this host", "2.55.1", "backup.example:22").orElseThrow();
        assertTrue(message.contains("2.45 on this host"), message);
        assertTrue(message.contains("2.55.1 on the repository host backup.example:22"), message);
        assertFalse(PgBackRestVersion.mismatch("2.45", "a", "2.45", "b").isPresent());
    }

    @Test
    void backupRunsOnTheDatabaseHostFrom255() {
        assertFalse(PgBackRestVersion.backsUpFromPgHost("2.45"));
        assertFalse(PgBackRestVersion.backsUpFromPgHost("2.54.2"));
        assertTrue(PgBackRestVersion.backsUpFromPgHost("2.55"));
        assertTrue(PgBackRestVersion.backsUpFromPgHost("2.56.0"));
        assertTrue(PgBackRestVersion.backsUpFromPgHost("3.0"));
    }

    @Test
    void fullOnTheFullDayDifferentialOtherwiseUnlessForced() {
        LocalDate sunday = LocalDate.of(2026, 11, 22);
        assertEquals(DayOfWeek.SUNDAY, sunday.getDayOfWeek());
        assertEquals("full", backup(Optional.empty()).type(sunday));
        assertEquals("diff", backup(Optional.empty()).type(sunday.plusDays(1)));
        assertEquals("incr", backup(Optional.of("incr")).type(sunday));
    }

    @Test
    void aWrongPassphraseIsSaidPlainlyWithoutTheUndecryptableBytes() {
        String raw = "the repository cannot be read: [FormatError] unable to load info file '/r/backup/main/backup.info':\n"
                + "FormatError: key/value found outside of section at line 1: \u0001\u00ff\u0017garbage";
        String message = PgBackRestErrors.explain(raw, ConfigFixtures.settings());
        assertTrue(message.contains("cannot be decrypted with the passphrase in '/etc/lifeboat/pgbackrest-passphrase'"), message);
        assertFalse(message.contains("garbage"), message);
    }

    @Test
    void anUnreachableRepositoryHostIsNamed() {
        String message = PgBackRestErrors.explain("pgbackrest version on repository host u@backup.example:2222 failed with exit code 255: "
                + "ssh: connect to host backup.example port 2222: Connection refused", ConfigFixtures.settings());
        assertTrue(message.startsWith("repository host backup.example:2222 is unreachable over SSH"), message);
    }

    private static PgBackRestBackup backup(Optional<String> type) {
        PgBackRestSettings s = ConfigFixtures.settings();
        PgBackRestSettings settings = new PgBackRestSettings(s.stanza(), s.pgbackrest(), s.workDir(), s.cluster(), s.repository(),
                s.cipherPassFile(), DayOfWeek.SUNDAY, type, 2, 7, s.restore());
        return new PgBackRestBackup(null, new org.lifeboat.datastore.postgres.server.PostgresEndpoint("127.0.0.1", 5432, "postgres", null,
                Path.of("/usr/lib/postgresql/15/bin")), settings);
    }
}
