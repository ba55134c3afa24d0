package org.lifeboat.datastore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.datastore.ArtifactOutput;
import org.lifeboat.manifest.ArtifactRecord;
import org.lifeboat.manifest.DatastoreRecord;
import org.lifeboat.testing.ArtifactFixture;
import org.lifeboat.testing.PostgresServer;
import org.lifeboat.testing.ServerPair;

/**
 * The restore loads dumps as a role that is not a superuser. A forged set (a dump whose SQL was
 * changed, re-encrypted to the recipient, with digests that match) holding {@code RESET ROLE;
 * COPY … FROM PROGRAM} is refused and runs nothing on the database host; the same set restored
 * as superuser does run the program, which shows the forgery works and the login is what stops
 * it. A genuine set still restores.
 */
class PgDumpLeastPrivilegeTest {

    private static final String DB = "forged_app";
    private static final String PAD = "x".repeat(160);

    @RegisterExtension
    static final ServerPair<PostgresServer> servers = new ServerPair<>(PostgresServer::start);

    @TempDir
    Path work;

    @BeforeAll
    static void createTheDatabase() throws Exception {
        servers.production().createDatabase(DB);
        servers.production().execute(DB, "CREATE TABLE pwn (x text); COMMENT ON TABLE pwn IS '" + PAD + "';"
                + " CREATE TABLE kept (id int); INSERT INTO kept SELECT generate_series(1, 25)");
    }

    private static PgDumpDatastore on(PostgresServer server, boolean restoreOwnership, boolean asSuperuser) {
        return PgDumpDatabasePropertiesTest.on(server, new PgDumpOptions(List.of(DB), List.of(), false, restoreOwnership,
                PgDumpOptions.DEFAULT_RESTORE_ROLE, asSuperuser));
    }

    @Test
    void aForgedDumpRunningAProgramIsRefusedAndRunsNothingWhileAGenuineOneRestores() throws Exception {
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord genuine = fixture.backup(on(servers.production(), false, false));
        Path marker = Path.of("/tmp", "lifeboat-forged-" + System.nanoTime());
        DatastoreRecord forged = forge(fixture, genuine, "RESET ROLE; COPY public.pwn FROM PROGRAM 'touch " + marker + "'; ");
        servers.staging().execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        servers.staging().createDatabase(DB);
        servers.staging().execute(DB, "CREATE TABLE live (id int); INSERT INTO live VALUES (7)");

        IOException e = assertThrows(IOException.class, () -> fixture.restore(on(servers.staging(), false, false), forged));

        assertTrue(e.getMessage().contains("pg_execute_server_program") || e.getMessage().contains("permission denied"), e.getMessage());
        assertTrue(e.getMessage().contains("as 'lifeboat_restore'"), e.getMessage());
        assertFalse(Files.exists(marker), "the program ran on the database host");
        assertEquals(1, servers.staging().queryLong(DB, "SELECT count(*) FROM live"), "the live database is untouched");
        assertEquals(List.of("false"), servers.staging().queryColumn("postgres", "SELECT rolcanlogin::text FROM pg_roles WHERE rolname = '"
                + PgDumpOptions.DEFAULT_RESTORE_ROLE + "'"), "the restore role cannot log in after a failed restore either");

        try {
            fixture.restore(on(servers.staging(), false, true), forged);
            assertTrue(Files.exists(marker), "as superuser the forged dump does run its program: the forgery is real");
        } finally {
            Files.deleteIfExists(marker);
        }

        fixture.restore(on(servers.staging(), false, false), genuine);
        assertEquals(25, servers.staging().queryLong(DB, "SELECT count(*) FROM kept"));
        assertEquals("postgres", servers.staging().queryColumn(DB, "SELECT tableowner FROM pg_tables WHERE tablename = 'kept'").get(0),
                "what the restore role created is handed to the configured user");
    }

    @Test
    void objectsOwnedByASuperuserWithRestoreOwnershipFailSayingHowToRestoreThem() throws Exception {
        ArtifactFixture fixture = new ArtifactFixture(work);
        DatastoreRecord recorded = fixture.backup(on(servers.production(), true, false));

        IOException e = assertThrows(IOException.class, () -> fixture.restore(on(servers.staging(), true, false), recorded));

        assertTrue(e.getMessage().contains("must be member of role \"postgres\""), e.getMessage());
        assertTrue(e.getMessage().contains("restore-as-superuser: true"), e.getMessage());
        fixture.restore(on(servers.staging(), true, true), recorded);
        assertEquals(25, servers.staging().queryLong(DB, "SELECT count(*) FROM kept"));
    }

    /**
     * The set with the dump of {@link #DB} changed as a forger would: the comment's statement
     * replaced by {@code sql} of the same length (the archive stays valid), stored again through
     * the real pipeline so that its digests match.
     */
    private static DatastoreRecord forge(ArtifactFixture fixture, DatastoreRecord genuine, String sql) throws IOException {
        List<ArtifactRecord> artifacts = new ArrayList<>();
        for (ArtifactRecord artifact : genuine.artifacts()) {
            if (!artifact.subject().equals(DB)) {
                artifacts.add(artifact);
                continue;
            }
            byte[] dump;
            try (InputStream in = fixture.source("postgres").open(artifact)) {
                dump = in.readAllBytes();
            }
            String text = new String(dump, StandardCharsets.ISO_8859_1);
            String original = "COMMENT ON TABLE public.pwn IS '" + PAD + "';";
            String replacement = sql + "SELECT '";
            replacement = replacement + "y".repeat(original.length() - replacement.length() - 2) + "';";
            assertTrue(text.contains(original), "the dump holds the comment to replace");
            byte[] changed = text.replace(original, replacement).getBytes(StandardCharsets.ISO_8859_1);
            try (ArtifactOutput out = fixture.sink(genuine.name()).create("forged.dump", DB, artifact.format())) {
                out.write(changed);
                artifacts.add(out.finish());
            }
        }
        return new DatastoreRecord(genuine.name(), genuine.kind(), genuine.mode(), genuine.started(), genuine.finished(),
                genuine.versions(), artifacts, genuine.counts(), genuine.excluded());
    }
}
