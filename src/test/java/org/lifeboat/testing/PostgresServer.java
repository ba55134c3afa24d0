package org.lifeboat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A real PostgreSQL 15 server for one test class, run by {@code scripts/servers/postgres} in a
 * fresh directory under {@code /tmp}, on a free loopback port. The superuser is {@code postgres};
 * its password is in {@link #passwordFile()} (0600). TCP logins need it (scram-sha-256).
 *
 * <p>If the script or PostgreSQL is missing, {@link #start()} throws: a test that needs the server
 * fails rather than skips. {@link #close()} stops the server and deletes its directory; a JVM
 * shutdown hook stops it too if a test forgets.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path BIN_DIR = Path.of("/usr/lib/postgresql/15/bin");
    private static final String SCRIPT = "scripts/servers/postgres";
    private static final String HINT = "; run scripts/install-deps as root";
    private static final long SCRIPT_TIMEOUT_SECONDS = 120;

    private final ScriptedServer server;

    private PostgresServer(ScriptedServer server) {
        this.server = server;
    }

    /** Initialises and starts a new server; the caller owns it and must {@link #close()} it. */
    public static PostgresServer start() {
        for (String binary : List.of("initdb", "pg_ctl", "postgres", "pg_dump", "pg_restore", "psql")) {
            if (!Files.isExecutable(BIN_DIR.resolve(binary))) {
                throw new IllegalStateException("missing PostgreSQL binary " + BIN_DIR.resolve(binary) + HINT);
            }
        }
        Path dir = createServerDir();
        return new PostgresServer(ScriptedServer.start(SCRIPT, SCRIPT_TIMEOUT_SECONDS, HINT, dir));
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.port();
    }

    public String superuser() {
        return "postgres";
    }

    /** The superuser's password, alone on the first line of a 0600 file owned by the test user. */
    public Path passwordFile() {
        return server.dir().resolve("password");
    }

    /** A libpq passfile for {@code PGPASSFILE} (0600): lets psql, pg_dump, pg_restore log in. */
    public Path pgpassFile() {
        return server.dir().resolve("pgpass");
    }

    /** The superuser's password, for tests only. Never log it. */
    public String password() {
        try {
            return Files.readAllLines(passwordFile(), StandardCharsets.UTF_8).get(0).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("unable to read '" + passwordFile() + "'", e);
        }
    }

    /** Where {@code pg_dump}, {@code pg_restore}, {@code psql} and the rest are. */
    public Path binDir() {
        return BIN_DIR;
    }

    /** The server's directory (cluster in {@code data/}, log in {@code postgres.log}). */
    public Path dir() {
        return server.dir();
    }

    /** A JDBC URL without credentials, for example {@code jdbc:postgresql://127.0.0.1:5432/app}. */
    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host() + ":" + server.port() + "/" + db;
    }

    /** A new superuser connection to {@code db}; the caller owns it and must close it. */
    public Connection connect(String db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", superuser());
        props.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl(db), props);
    }

    /** Runs one or more statements (separated by {@code ;}) in {@code db}, auto-committed. */
    public void execute(String db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The single {@code bigint}-compatible value in the first column of the first row. */
    public long queryLong(String db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from query on " + db + ": " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** The first column of every row, as text ({@code null} for SQL NULL). */
    public List<String> queryColumn(String db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    public void createDatabase(String name) throws SQLException {
        execute("postgres", "CREATE DATABASE " + quoteIdentifier(name));
    }

    public boolean databaseExists(String name) throws SQLException {
        try (Connection c = connect("postgres");
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Fills {@code db} with {@link PostgresSampleData}: {@code rows} customers, two orders each. */
    public void createSampleData(String db, int rows) throws SQLException {
        PostgresSampleData.create(this, db, rows);
    }

    /** The cluster's data directory. */
    public Path dataDir() {
        return server.dir().resolve("data");
    }

    /** The folder of its Unix socket (peer authentication: the postgres OS user only). */
    public Path socketDir() {
        return server.dir().resolve("sock");
    }

    /**
     * Turns WAL archiving on with {@code archiveCommand} ({@code ALTER SYSTEM}) and restarts the
     * server on the same port so that {@code archive_mode} takes effect.
     */
    public void enableArchiving(String archiveCommand) throws SQLException {
        try (Connection c = connect("postgres"); Statement statement = c.createStatement()) {
            statement.execute("ALTER SYSTEM SET wal_level = replica");
            statement.execute("ALTER SYSTEM SET archive_mode = on");
            statement.execute("ALTER SYSTEM SET archive_command = " + quoteLiteral(archiveCommand));
        }
        restart();
    }

    /** Stops and starts the server again on the same port (settings that need a restart). */
    public void restart() {
        server.stop();
        server.startAgain();
    }

    /** Sets the superuser's password, in the server and in {@link #passwordFile()} and {@link #pgpassFile()}. */
    public void changePassword(String newPassword) throws SQLException, IOException {
        execute("postgres", "ALTER ROLE postgres PASSWORD " + quoteLiteral(newPassword));
        Files.writeString(passwordFile(), newPassword + "\n", StandardCharsets.UTF_8);
        Files.writeString(pgpassFile(), "127.0.0.1:*:*:postgres:" + newPassword + "\nlocalhost:*:*:postgres:" + newPassword + "\n",
                StandardCharsets.UTF_8);
    }

    private static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Stops the server, keeping its folder. Repeatable. */
    public void stop() {
        server.stop();
    }

    /** Stops the server and deletes its folder. Repeatable. */
    @Override
    public void close() {
        server.close();
    }

    public static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A directory the postgres OS user can traverse: /tmp/lifeboat-pg-*, mode 755. */
    private static Path createServerDir() {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "lifeboat-pg-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("unable to create a server directory under '/tmp'", e);
        }
    }
}
