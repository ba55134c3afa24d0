package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.PostgresDatabaseSamples;
import org.lifeboat.testing.PostgresServer;

/**
 * Dump mode carries what a database is besides its content, between two real PostgreSQL 15
 * servers whose default is UTF8 / C.UTF-8: LATIN1 / C and ICU sv-SE databases come back as such
 * (same {@code ORDER BY}), and settings, role settings, comment, connection limit, owner and grants
 * come back and are checked.
 */
class PgDumpDatabasePropertiesTest {

    private static PostgresServer production;
    private static PostgresServer staging;

    @TempDir
    java.nio.file.Path work;

    @BeforeAll
    static void start() throws Exception {
        production = PostgresServer.start();
        staging = PostgresServer.start();
        PostgresDatabaseSamples.create(production);
    }

    @AfterAll
    static void stop() {
        production.close();
        staging.close();
    }

    @BeforeEach
    void emptyStaging() throws Exception {
        for (String db : PostgresDatabaseSamples.ALL) {
            staging.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    static PgDumpDatastore on(PostgresServer server, PgDumpOptions options) {
        return new PgDumpDatastore("pg", new PostgresEndpoint("127.0.0.1", server.port(), "postgres", server.password(),
                server.binDir()), options);
    }

    private static PgDumpOptions options(boolean restoreOwnership) {
        return new PgDumpOptions(PostgresDatabaseSamples.ALL, List.of(), false, restoreOwnership);
    }

    @Test
    void encodingLocaleProviderSettingsOwnerGrantsAndCommentComeBack() throws Exception {
        PostgresDatabaseSamples.createRoles(staging);
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(on(production, options(true)));
        assertTrue(recorded.artifacts().stream().anyMatch(a -> a.path().contains("/databases.json")), recorded.artifacts().toString());

        fixture.restore(on(staging, options(true)), recorded);

        for (String db : PostgresDatabaseSamples.ALL) {
            assertEquals(PostgresDatabaseSamples.describe(production, db), PostgresDatabaseSamples.describe(staging, db), db);
            assertEquals(PostgresDatabaseSamples.sortedWords(production, db), PostgresDatabaseSamples.sortedWords(staging, db), db);
            assertEquals(PostgresDatabaseSamples.settings(production, db), PostgresDatabaseSamples.settings(staging, db), db);
        }
        assertTrue(PostgresDatabaseSamples.describe(staging, PostgresDatabaseSamples.LATIN1_C).startsWith("LATIN1 | C | C | c"));
        assertTrue(PostgresDatabaseSamples.describe(staging, PostgresDatabaseSamples.ICU_SWEDISH).startsWith("UTF8 | C.UTF-8 | C.UTF-8 | i | sv-SE"));
        // the sort orders really differ, so equal lists above mean the collations came back
        assertNotEquals(PostgresDatabaseSamples.sortedWords(staging, PostgresDatabaseSamples.LATIN1_C),
                PostgresDatabaseSamples.sortedWords(staging, PostgresDatabaseSamples.ICU_SWEDISH));
        assertEquals(List.of("apple", "Banana", "cherry", "zebra", "åska", "Äpple", "ärlig", "öl", "Örn"),
                PostgresDatabaseSamples.sortedWords(staging, PostgresDatabaseSamples.ICU_SWEDISH), "Swedish: å, ä, ö after z");
        assertEquals(List.of("1"), staging.queryColumn(PostgresDatabaseSamples.LATIN1_C, "SELECT octet_length('ä')::text"));
        // the database's search_path works for an application that names tables without their schema
        assertEquals(2, staging.queryLong(PostgresDatabaseSamples.SETTINGS, "SELECT count(*) FROM accounts"));
        assertEquals("app_owner", staging.queryColumn(PostgresDatabaseSamples.SETTINGS,
                "SELECT tableowner FROM pg_tables WHERE tablename = 'accounts'").get(0));
        assertRestoreRoleHoldsNothing();
    }

    @Test
    void withoutRestoreOwnershipEverythingButOwnerAndGrantsComesBack() throws Exception {
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(on(production, options(false)));
        staging.execute("postgres", "DROP ROLE IF EXISTS " + PostgresDatabaseSamples.READER);

        fixture.restore(on(staging, options(false)), recorded);

        String db = PostgresDatabaseSamples.SETTINGS;
        assertEquals("UTF8 | C.UTF-8 | C.UTF-8 | c | postgres | 40 | the registry's database", PostgresDatabaseSamples.describe(staging, db));
        assertEquals(List.of("-|search_path=app, public", "-|statement_timeout=42s", "-|TimeZone=Europe/Stockholm",
                "-|app.tenant=north 'quoted' tenant").stream().sorted().toList(),
                PostgresDatabaseSamples.settings(staging, db).stream().sorted().toList(), "the reader's setting needs the reader role");
        assertEquals(PostgresDatabaseSamples.sortedWords(production, PostgresDatabaseSamples.ICU_SWEDISH),
                PostgresDatabaseSamples.sortedWords(staging, PostgresDatabaseSamples.ICU_SWEDISH));
        assertEquals("postgres", staging.queryColumn(db, "SELECT tableowner FROM pg_tables WHERE tablename = 'accounts'").get(0));
        assertRestoreRoleHoldsNothing();
    }

    @Test
    void aMissingRoleFailsTheRestoreBeforeAnythingIsLoadedNamingDatabaseAndRole() throws Exception {
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(on(production, options(true)));
        PostgresDatabaseSamples.createRoles(staging);
        staging.execute("postgres", "DROP ROLE " + PostgresDatabaseSamples.READER);

        IOException e = assertThrows(IOException.class, () -> fixture.restore(on(staging, options(true)), recorded));

        assertTrue(e.getMessage().contains("database '" + PostgresDatabaseSamples.SETTINGS + "'")
                && e.getMessage().contains("role 'app_reader'"), e.getMessage());
        assertFalse(staging.databaseExists(PostgresDatabaseSamples.SETTINGS));
        assertEquals(List.of(), staging.queryColumn("postgres", "SELECT datname FROM pg_database WHERE datname LIKE '%lifeboat%'"));
    }

    @Test
    void restoredPropertiesAreCheckedNamingDatabasePropertyExpectedAndFound() {
        DatabaseProperties wanted = new DatabaseProperties(new java.util.TreeMap<>(Map.of("encoding", "LATIN1",
                "setting search_path", "app, public", "collation_version", "153.1")));
        DatabaseProperties found = new DatabaseProperties(new java.util.TreeMap<>(Map.of("encoding", "UTF8",
                "collation_version", "153.2", "comment", "x")));
        IOException e = assertThrows(IOException.class, () -> new RestoredProperties(wanted, List.of()).check("registry", found));
        assertEquals("restored database 'registry' does not have its recorded properties: 'comment' expected none, found 'x';"
                + " 'encoding' expected 'LATIN1', found 'UTF8'; 'setting search_path' expected 'app, public', found none", e.getMessage());
    }

    @Test
    void listSettingsAreSplitAsPgDumpSplitsThem() {
        assertEquals("'My Schema', 'public'", ScratchDatabase.value("search_path", "\"My Schema\", public"));
        assertEquals("'$user', 'a\"b', 'x'", ScratchDatabase.value("search_path", "\"$user\", \"a\"\"b\",x"));
        assertEquals("''", ScratchDatabase.value("search_path", ""));
        assertEquals("'ISO, MDY'", ScratchDatabase.value("DateStyle", "ISO, MDY"));
        assertEquals("'it''s'", ScratchDatabase.value("app.tenant", "it's"));
    }

    private static void assertRestoreRoleHoldsNothing() throws Exception {
        assertEquals(List.of("false"), staging.queryColumn("postgres", "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = '"
                + PgDumpOptions.DEFAULT_RESTORE_ROLE + "'"), "the restore role's login is taken away after the restore");
        assertEquals(0, staging.queryLong("postgres", "SELECT count(*) FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles"
                + " WHERE rolname = '" + PgDumpOptions.DEFAULT_RESTORE_ROLE + "')"));
        assertEquals(0, staging.queryLong("postgres", "SELECT count(*) FROM pg_auth_members WHERE member = (SELECT oid FROM pg_roles"
                + " WHERE rolname = '" + PgDumpOptions.DEFAULT_RESTORE_ROLE + "')"), "memberships granted for the load are revoked");
    }
}
