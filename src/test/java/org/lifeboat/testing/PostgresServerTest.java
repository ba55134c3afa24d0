package org.lifeboat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness itself: a real server starts, takes sample data, refuses bad passwords, stops. */
class PostgresServerTest {

    private static PostgresServer pg;

    @BeforeAll
    static void startServer() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void createsDatabaseWithSampleData() throws SQLException {
        assertFalse(pg.databaseExists("sample"));
        pg.createDatabase("sample");
        assertTrue(pg.databaseExists("sample"));

        pg.createSampleData("sample", 50);

        assertEquals(50, pg.queryLong("sample", "SELECT count(*) FROM customers"));
        assertEquals(100, pg.queryLong("sample", "SELECT count(*) FROM orders"));
        assertEquals(50, pg.queryLong("sample", "SELECT count(*) FROM customer_totals"));
        assertEquals(1099, pg.queryLong("sample", "SELECT last_value FROM order_no_seq"));
        assertEquals(List.of("Łukasz 1", "東京 2", "O'Brien 3"),
                pg.queryColumn("sample", "SELECT name FROM customers WHERE id <= 3 ORDER BY id"));
        assertEquals(1, pg.queryLong("sample",
                "SELECT count(*) FROM pg_indexes WHERE indexname = '" + PostgresSampleData.INDEX + "'"));
        assertThrows(SQLException.class, () -> pg.execute("sample",
                "INSERT INTO orders (customer_id, amount, placed_at) VALUES (999999, 1, now())"));
    }

    @Test
    void sampleDataIsDeterministic() throws SQLException {
        pg.createDatabase("sample_a");
        pg.createDatabase("sample_b");
        pg.createSampleData("sample_a", 20);
        pg.createSampleData("sample_b", 20);
        String a = PostgresSampleData.fingerprint(pg, "sample_a");
        assertEquals(a, PostgresSampleData.fingerprint(pg, "sample_b"));

        pg.execute("sample_b", "UPDATE customers SET balance = balance + 0.01 WHERE id = 7");
        assertFalse(a.equals(PostgresSampleData.fingerprint(pg, "sample_b")));
    }

    @Test
    void passwordFileIsPrivateAndRequired() throws Exception {
        Path file = pg.passwordFile();
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(pg.pgpassFile()));
        assertTrue(pg.password().length() >= 32);
        assertThrows(SQLException.class,
                () -> DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superuser(), "wrong").close());
    }

    @Test
    void stopsAndDeletesItsDirectory() throws SQLException {
        try (PostgresServer other = PostgresServer.start()) {
            assertEquals(1, other.queryLong("postgres", "SELECT 1"));
            other.stop();
            other.stop();
            assertThrows(SQLException.class, () -> other.queryLong("postgres", "SELECT 1"));
            other.close();
            assertFalse(Files.exists(other.dir()));
        }
    }

    @Test
    void fingerprintSurvivesDumpAndRestore() throws Exception {
        pg.createDatabase("dumped");
        pg.createSampleData("dumped", 30);
        pg.createDatabase("restored");
        Path dump = pg.dir().resolve("dumped.dump");
        run(pg.binDir().resolve("pg_dump").toString(), "-Fc", "-f", dump.toString(), "dumped");
        run(pg.binDir().resolve("pg_restore").toString(), "--exit-on-error", "-d", "restored", dump.toString());
        assertEquals(PostgresSampleData.fingerprint(pg, "dumped"), PostgresSampleData.fingerprint(pg, "restored"));
    }

    /** Runs a libpq tool against the server, logging in through the passfile. */
    private static void run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(Map.of("PGHOST", pg.host(), "PGPORT", Integer.toString(pg.port()),
                "PGUSER", pg.superuser(), "PGPASSFILE", pg.pgpassFile().toString()));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), command[0] + " failed: " + output);
    }
}
