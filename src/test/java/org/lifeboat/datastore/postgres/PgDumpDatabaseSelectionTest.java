package org.lifeboat.datastore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.datastore.Check;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.PostgresServer;

/**
 * No database is skipped in silence: one that does not accept connections, a template of the
 * user's, or one named in {@code databases} that cannot be dumped fails the backup and the
 * precheck naming it and why, unless it is excluded, and then the manifest lists it with its
 * reason; the standard templates are listed as excluded.
 */
class PgDumpDatabaseSelectionTest {

    private static PostgresServer pg;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start();
        pg.createDatabase("open_db");
        pg.execute("open_db", "CREATE TABLE t (id int); INSERT INTO t VALUES (1), (2)");
    }

    @AfterAll
    static void stop() {
        pg.close();
    }

    @AfterEach
    void dropTheOthers() throws Exception {
        for (String db : List.of("closed_db", "template_db")) {
            if (pg.databaseExists(db)) {
                pg.execute("postgres", "ALTER DATABASE " + db + " WITH IS_TEMPLATE false");
                pg.execute("postgres", "DROP DATABASE " + db + " WITH (FORCE)");
            }
        }
    }

    private static PgDumpDatastore datastore(List<String> databases, List<String> exclude) {
        return PgDumpDatabasePropertiesTest.on(pg, new PgDumpOptions(databases, exclude, false, false));
    }

    private static void closedDatabase() throws Exception {
        pg.createDatabase("closed_db");
        pg.execute("closed_db", "CREATE TABLE precious (id int); INSERT INTO precious VALUES (1)");
        pg.execute("postgres", "ALTER DATABASE closed_db WITH ALLOW_CONNECTIONS false");
    }

    @Test
    void aDatabaseRefusingConnectionsFailsTheBackupAndThePrecheckNamingIt() throws Exception {
        closedDatabase();
        ArtifactFixture fixture = new ArtifactFixture(work);

        IOException e = assertThrows(IOException.class, () -> fixture.backup(datastore(List.of(), List.of())));
        assertTrue(e.getMessage().contains("database 'closed_db' cannot be dumped: it does not accept connections"
                + " (ALLOW_CONNECTIONS false)"), e.getMessage());
        assertTrue(e.getMessage().contains("exclude-databases"), e.getMessage());

        List<Check> checks = datastore(List.of(), List.of()).precheck();
        assertTrue(checks.stream().anyMatch(c -> !c.ok() && c.detail().contains("'closed_db'")
                && c.detail().contains("ALLOW_CONNECTIONS false")), checks.toString());

        IOException named = assertThrows(IOException.class, () -> fixture.backup(datastore(List.of("open_db", "closed_db"), List.of())));
        assertTrue(named.getMessage().contains("'closed_db' cannot be dumped"), "named in databases: not 'does not exist' but why: "
                + named.getMessage());
    }

    @Test
    void anExcludedClosedDatabaseIsListedInTheManifestWithItsReason() throws Exception {
        closedDatabase();
        DatastoreRecord recorded = new ArtifactFixture(work).backup(datastore(List.of(), List.of("closed_db")));

        assertEquals(List.of("open_db", "postgres"), recorded.counts().keySet().stream().sorted().toList());
        assertTrue(recorded.excluded().contains("database closed_db (it does not accept connections (ALLOW_CONNECTIONS false))"),
                recorded.excluded().toString());
        assertTrue(recorded.excluded().contains("database template0 (a standard template database)"), recorded.excluded().toString());
        assertTrue(recorded.excluded().contains("database template1 (a standard template database)"), recorded.excluded().toString());
        assertTrue(datastore(List.of(), List.of("closed_db")).precheck().stream().allMatch(Check::ok));
    }

    @Test
    void aTemplateOfTheUsersFailsTheBackupUnlessExcluded() throws Exception {
        pg.createDatabase("template_db");
        pg.execute("postgres", "ALTER DATABASE template_db WITH IS_TEMPLATE true");
        ArtifactFixture fixture = new ArtifactFixture(work);

        IOException e = assertThrows(IOException.class, () -> fixture.backup(datastore(List.of(), List.of())));
        assertTrue(e.getMessage().contains("database 'template_db' cannot be dumped: a template database (IS_TEMPLATE true)"),
                e.getMessage());

        DatastoreRecord recorded = fixture.backup(datastore(List.of(), List.of("template_db")));
        assertTrue(recorded.excluded().contains("database template_db (a template database (IS_TEMPLATE true))"),
                recorded.excluded().toString());
    }

    @Test
    void databasesLeftOutByTheListAreRecordedAsSuch() throws Exception {
        DatastoreRecord recorded = new ArtifactFixture(work).backup(datastore(List.of("open_db"), List.of()));
        assertEquals(List.of("open_db"), List.copyOf(recorded.counts().keySet()));
        assertTrue(recorded.excluded().contains("database postgres (not in databases)"), recorded.excluded().toString());
        assertFalse(recorded.excluded().stream().anyMatch(x -> x.contains("open_db")));
    }
}
