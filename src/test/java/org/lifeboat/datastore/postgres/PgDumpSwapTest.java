package org.lifeboat.datastore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.app.Appliance;
import org.lifeboat.config.ConfigLoader;
import org.lifeboat.datastore.Datastore;
import org.lifeboat.datastore.PreparedRestore;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.PostgresSampleData;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.ServerPair;

/**
 * The swap of PostgreSQL dump mode beyond the contract: a swap that fails half-way (the second
 * database's copy vanished after the first was swapped and the second's live one moved aside) is
 * put back whole; {@code keep-replaced} keeps the replaced database with its data; the configured
 * {@code restore-role} and {@code restore-as-superuser} reach the restore from the configuration.
 */
class PgDumpSwapTest {

    @RegisterExtension
    static final ServerPair<PostgresServer> servers = new ServerPair<>(PostgresServer::start);

    @TempDir
    Path work;
    private ArtifactFixture fixture;
    /** Production's alpha and beta, backed up before each test. */
    private DatastoreRecord recorded;

    @BeforeEach
    void databasesAndTheirBackup() throws Exception {
        for (PostgresServer server : servers.both()) {
            for (String db : server.queryColumn("postgres", "SELECT datname FROM pg_database WHERE datname NOT IN"
                    + " ('postgres', 'template0', 'template1')")) {
                server.execute("postgres", "DROP DATABASE " + PostgresCatalog.quote(db) + " WITH (FORCE)");
            }
            server.createDatabase("alpha");
            server.createDatabase("beta");
        }
        PostgresSampleData.create(servers.production(), "alpha", 200);
        PostgresSampleData.create(servers.production(), "beta", 100);
        PostgresSampleData.create(servers.staging(), "alpha", 5);
        PostgresSampleData.create(servers.staging(), "beta", 3);
        fixture = new ArtifactFixture(work);
        recorded = fixture.backup(on(servers.production()));
    }

    private static PgDumpDatastore on(PostgresServer server) {
        return PgDumpDatabasePropertiesTest.on(server, new PgDumpOptions(List.of("alpha", "beta"), List.of(), false, false));
    }

    private static String fingerprints(PostgresServer server) throws Exception {
        return PostgresSampleData.fingerprint(server, "alpha") + PostgresSampleData.fingerprint(server, "beta");
    }

    @Test
    void aSwapThatFailsHalfWayIsPutBackWhole() throws Exception {
        String before = fingerprints(servers.staging());
        PgDumpDatastore target = on(servers.staging());
        try (PreparedRestore prepared = target.prepare(recorded, fixture.source(target.name()))) {
            servers.staging().execute("postgres", "DROP DATABASE " + ArtifactNames.scratch("beta") + " WITH (FORCE)"); // its copy vanishes
            IOException e = assertThrows(IOException.class, prepared::swapIn);
            assertTrue(e.getMessage().contains("'alpha': restored copy in place"), e.getMessage());
            assertTrue(e.getMessage().contains("'beta': live data in place") || e.getMessage().contains("'beta': live data aside")
                    || e.getMessage().contains("the live data aside as 'beta__lifeboat_aside_"), e.getMessage());
            assertEquals(List.of(), servers.staging().queryColumn("postgres", "SELECT datname FROM pg_database WHERE datname = 'beta'"),
                    "half-way: beta's live database is aside and no copy took its name");
            prepared.rollBack();
        }
        assertEquals(before, fingerprints(servers.staging()), "both live databases are back exactly");
        assertOnlyTheLiveDatabases("nothing left beside them");
    }

    @Test
    void aSwapKilledHalfWayIsPutBackByTheNextRestore() throws Exception {
        String data = fingerprints(servers.staging());
        servers.staging().execute("postgres", "ALTER DATABASE beta WITH ALLOW_CONNECTIONS false");
        List<String> allowed = allowing(servers.staging());
        PgDumpDatastore target = on(servers.staging());
        target.prepare(recorded, fixture.source(target.name())); // loaded, then killed in its swap, as the renames show:
        String stamp = "20261202T040000Z";
        servers.staging().execute("postgres", "ALTER DATABASE alpha RENAME TO "
                + PostgresCatalog.quote(ArtifactNames.aside("alpha", stamp)));
        servers.staging().execute("postgres", "ALTER DATABASE " + ArtifactNames.scratch("alpha") + " RENAME TO alpha");
        servers.staging().execute("postgres", "ALTER DATABASE beta RENAME TO " + PostgresCatalog.quote(ArtifactNames.aside("beta", stamp)));
        assertEquals(List.of(), servers.staging().queryColumn("postgres", "SELECT datname FROM pg_database WHERE datname = 'beta'"),
                "killed with beta's live database aside and no copy under its name");

        settleAndDiscard(target, fixture, recorded);
        assertEquals(allowed, allowing(servers.staging()), "beta is back still closed to connections, alpha open");
        servers.staging().execute("postgres", "ALTER DATABASE beta WITH ALLOW_CONNECTIONS true");
        assertEquals(data, fingerprints(servers.staging()), "both live databases are back exactly");
        assertOnlyTheLiveDatabases("nothing left beside them");
    }

    @Test
    void aSwapKilledBeforeItsCommitLeavesEveryDatabaseOpenAsItWas() throws Exception {
        PgDumpDatastore target = on(servers.staging());
        target.prepare(recorded, fixture.source(target.name())).swapIn(); // then killed
        assertEquals(List.of("true"), servers.staging().queryColumn("postgres", "SELECT DISTINCT datallowconn::text FROM pg_database"
                + " WHERE datname <> 'template0'"), "no database was left closed to connections by the swap");
    }

    @Test
    void aCommitKilledHalfWayIsFinishedByTheNextRestore() throws Exception {
        String restored = fingerprints(servers.production());
        PgDumpDatastore target = on(servers.staging());
        target.prepare(recorded, fixture.source(target.name())).swapIn();
        String aside = servers.staging().queryColumn("postgres",
                "SELECT datname FROM pg_database WHERE datname LIKE 'alpha\\_\\_lifeboat\\_aside\\_%'").get(0);
        String stamp = aside.substring(aside.length() - 16);
        servers.staging().execute("postgres", "ALTER DATABASE " + PostgresCatalog.quote(aside) + " RENAME TO "
                + PostgresCatalog.quote(ArtifactNames.done("alpha", stamp)));
        // killed here: the commit had decided (alpha's copy renamed for it), beta's copy is still aside

        settleAndDiscard(target, fixture, recorded);
        assertEquals(restored, fingerprints(servers.staging()), "the commit was finished: the restored data stays");
        assertOnlyTheLiveDatabases("the replaced copies are dropped");

        target.prepare(recorded, fixture.source(target.name())).swapIn(); // killed again, this time before the commit
        String beforeSettling = fingerprints(servers.production());
        servers.staging().execute("postgres", "DROP DATABASE alpha WITH (FORCE)"); // and the settling itself killed after its first step
        String alphaAside = servers.staging().queryColumn("postgres", "SELECT datname FROM pg_database WHERE datname LIKE"
                + " 'alpha\\_\\_lifeboat\\_aside\\_%'").get(0);
        servers.staging().execute("postgres", "ALTER DATABASE " + PostgresCatalog.quote(alphaAside) + " RENAME TO alpha");
        settleAndDiscard(target, fixture, recorded);
        assertEquals(beforeSettling, fingerprints(servers.staging()),
                "settled again from where it stopped: both databases as before that restore");
        assertOnlyTheLiveDatabases("nothing left beside them");
    }

    /** Staging holds alpha, beta and the server's own databases, nothing of a restore beside them. */
    private static void assertOnlyTheLiveDatabases(String why) throws Exception {
        assertEquals(List.of("alpha", "beta", "postgres", "template0", "template1"),
                servers.staging().queryColumn("postgres", "SELECT datname FROM pg_database ORDER BY 1"), why);
    }

    /** A restore that settles what an interrupted one left, loads its own copy and discards it. */
    private static void settleAndDiscard(PgDumpDatastore target, ArtifactFixture fixture, DatastoreRecord recorded) throws IOException {
        target.prepare(recorded, fixture.source(target.name())).close();
    }

    private static List<String> allowing(PostgresServer server) throws Exception {
        return server.queryColumn("postgres", "SELECT string_agg(datname || '=' || datallowconn, ',' ORDER BY datname)"
                + " FROM pg_database");
    }

    @Test
    void keepReplacedKeepsTheReplacedDatabaseWithItsData() throws Exception {
        String alphaBefore = PostgresSampleData.fingerprint(servers.staging(), "alpha");
        fixture.restore(on(servers.staging()).keepingReplaced(true), recorded);
        List<String> kept = servers.staging().queryColumn("postgres",
                "SELECT datname FROM pg_database WHERE datname LIKE 'alpha\\_\\_lifeboat\\_kept\\_%'");
        assertEquals(1, kept.size(), kept.toString());
        assertEquals(alphaBefore, PostgresSampleData.fingerprint(servers.staging(), kept.get(0)),
                "the kept copy is the replaced live data");
        assertEquals(PostgresSampleData.fingerprint(servers.production(), "alpha"),
                PostgresSampleData.fingerprint(servers.staging(), "alpha"));
    }

    @Test
    void theConfiguredRestoreRoleLoadsTheDumps() throws Exception {
        assertEquals(List.of(), roles("nightly_loader"));
        Datastore target = configured("""
                      restore-role: nightly_loader
                """);
        restore(fixture, target, recorded);
        assertEquals(List.of("nightly_loader false false"), roles("nightly_loader"),
                "the configured role was made to load the dumps (created NOLOGIN, not a superuser), and cannot log in after it");
        assertEquals(PostgresSampleData.fingerprint(servers.production(), "alpha"),
                PostgresSampleData.fingerprint(servers.staging(), "alpha"));

        Datastore asSuperuser = configured("""
                      restore-role: never_made
                      restore-as-superuser: true
                """);
        restore(fixture, asSuperuser, recorded);
        assertEquals(List.of(), roles("never_made"), "restore-as-superuser loads as the configured superuser, with no restore role");
        assertEquals(PostgresSampleData.fingerprint(servers.production(), "beta"),
                PostgresSampleData.fingerprint(servers.staging(), "beta"));
    }

    private static List<String> roles(String name) throws Exception {
        return servers.staging().queryColumn("postgres", "SELECT rolname || ' ' || rolcanlogin || ' ' || rolsuper FROM pg_roles"
                + " WHERE rolname = '" + name + "'");
    }

    /** Restores what the datastore {@code pg} backed up into {@code target} (configured as {@code postgres}). */
    private static void restore(ArtifactFixture fixture, Datastore target, DatastoreRecord recorded) throws IOException {
        try (PreparedRestore prepared = target.prepare(recorded, fixture.source("pg"))) {
            prepared.swapIn();
        }
    }

    /** The staging datastore as the configuration builds it, with {@code extra} lines under {@code postgres}. */
    private Datastore configured(String extra) throws Exception {
        Path file = work.resolve("restore-" + extra.hashCode() + ".yaml");
        Files.writeString(file, """
                lifeboat:
                  environment: staging
                  store:
                    type: local
                    root: %s
                  restore:
                    source-environment: production
                    identity-file: %s
                  datastores:
                    postgres:
                      host: 127.0.0.1
                      port: %d
                      password-file: %s
                      bin-dir: %s
                      databases: [alpha, beta]
                %s""".formatted(work.resolve("store"), work.resolve("identity"), servers.staging().port(), servers.staging().passwordFile(),
                servers.staging().binDir(), extra));
        List<Datastore> datastores = new Appliance(ConfigLoader.load(file, Map.of()), Map.of()).datastores(List.of(), Optional.empty());
        return datastores.get(0);
    }
}
