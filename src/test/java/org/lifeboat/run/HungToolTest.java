package org.lifeboat.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import org.lifeboat.process.ToolTimeout;

/**
 * A pg_dump that really hangs: another session holds an exclusive lock on a table, so pg_dump
 * waits for it forever. The backup kills it at the datastore's limit, fails naming the tool and
 * the limit, exits 1, makes no complete set and leaves no pg_dump behind. A query Lifeboat runs
 * itself over JDBC gets no longer for its answer.
 */
class HungToolTest {

    @RegisterExtension
    static final LifeboatFixture fixture = LifeboatFixture.perClass().withSampleDatabase("shop", 50);
    private static Path backup;

    @BeforeAll
    static void start() throws Exception {
        backup = fixture.backupConfig("hung", List.of("shop"), "    prune-after-backup: false\n");
        Files.writeString(backup, Files.readString(backup) + "  timeouts:\n    datastores:\n      postgres: PT3S\n");
    }

    @Test
    void aQueryWhoseAnswerNeverComesFailsAtTheDatastoresTimeout() throws Exception {
        PostgresEndpoint endpoint = new PostgresEndpoint("127.0.0.1", fixture.production.port(), "postgres",
                fixture.production.password(), fixture.production.binDir());
        ToolTimeout limit = new ToolTimeout(Duration.ofSeconds(2), "lifeboat.timeouts.datastores.postgres");
        ToolTimeout.during(limit, () -> {
            try (Connection connection = endpoint.connect("shop"); Statement statement = connection.createStatement()) {
                SQLException e = assertThrows(SQLException.class, () -> statement.execute("SELECT pg_sleep(120)"));
                assertTrue(e.getMessage().contains("timed out") || e.getMessage().contains("I/O error"), e.getMessage());
            } catch (SQLException e) {
                throw new java.io.IOException(e);
            }
            return null;
        });
    }

    @Test
    void aPgDumpBlockedByALockIsKilledAtItsTimeoutAndTheRunFails() throws Exception {
        try (Connection locker = fixture.production.connect("shop"); Statement statement = locker.createStatement()) {
            locker.setAutoCommit(false);
            statement.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            long started = System.nanoTime();
            LifeboatFixture.Outcome outcome = LifeboatFixture.run("backup", "--skip-precheck", "--config", backup.toString());
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertEquals(1, outcome.code(), outcome.err());
            assertTrue(outcome.err().contains("pg_dump of database 'shop'"), outcome.err());
            assertTrue(outcome.err().contains("was killed: it ran longer than its timeout of 3 s (lifeboat.timeouts.datastores.postgres)"),
                    outcome.err());
            assertTrue(seconds < 60, "the run took " + seconds + " s");
            locker.rollback();
        }
        assertFalse(ProcessHandle.current().descendants().anyMatch(p -> p.info().command().orElse("").endsWith("pg_dump")),
                "a pg_dump still runs");
        try (var sets = Files.list(fixture.setsFolder("hung"))) {
            assertTrue(sets.noneMatch(p -> Files.exists(p.resolve("manifest.json"))), "a complete set was made");
        }
        // the same backup, once the lock is gone, succeeds: the limit only ends what hangs
        LifeboatFixture.Outcome again = LifeboatFixture.run("backup", "--skip-precheck", "--config", backup.toString());
        assertEquals(0, again.code(), again.err());
    }
}
