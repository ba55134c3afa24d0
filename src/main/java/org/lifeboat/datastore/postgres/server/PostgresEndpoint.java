package org.lifeboat.datastore.postgres.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.lifeboat.process.ToolTimeout;

/**
 * How to reach one PostgreSQL server: address, user, password and the folder of its client tools.
 * The password goes to JDBC as a property and to tools as {@code PGPASSWORD}; it is never part of
 * {@link #toString()}, a URL or an argument list.
 */
public final class PostgresEndpoint {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Path binDir;

    public PostgresEndpoint(String host, int port, String user, String password, Path binDir) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.binDir = binDir;
    }

    /** {@code postgresql://user@host:port}, without the password. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port;
    }

    /**
     * The database to connect to for creating, renaming and dropping others: {@code template1}, so
     * that {@code postgres} itself can be restored and swapped like any other database.
     */
    public static final String MAINTENANCE_DATABASE = "template1";

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The role this endpoint logs in as. */
    public String user() {
        return user;
    }

    /** The same server and tools, logging in as {@code otherUser} with {@code otherPassword}. */
    public PostgresEndpoint withLogin(String otherUser, String otherPassword) {
        return new PostgresEndpoint(host, port, otherUser, otherPassword, binDir);
    }

    /** The path of a client tool such as {@code pg_dump}. */
    public String tool(String name) {
        return binDir.resolve(name).toString();
    }

    /** Opens a JDBC connection to {@code database}; the error names the database and server. */
    public Connection connect(String database) throws IOException {
        return connect(database, new Properties());
    }

    /**
     * Opens a connection whose {@code search_path} is {@code pg_catalog, pg_temp} from the start,
     * whatever the database's own settings say: for a database whose content is not trusted yet (a
     * restored copy), so that no function or operator of its own can stand in for a built-in one
     * in the queries Lifeboat runs there.
     */
    public Connection connectPinned(String database) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("options", "-c search_path=pg_catalog,pg_temp");
        return connect(database, properties);
    }

    private static final java.sql.Driver DRIVER = new org.postgresql.Driver();

    private Connection connect(String database, Properties properties) throws IOException {
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "lifeboat");
        properties.setProperty("connectTimeout", "15");
        // a server that stops answering mid-query would hang the run for ever: no statement Lifeboat runs waits
        // longer for its answer than a tool of the same datastore may run (lifeboat.timeouts.*), and keep-alives
        // notice a vanished host long before that
        properties.setProperty("socketTimeout", Long.toString(ToolTimeout.current().limit().toSeconds()));
        properties.setProperty("tcpKeepAlive", "true");
        String url = "jdbc:postgresql://" + host + ":" + port + "/";
        try {
            // the driver itself, not DriverManager: DriverManager hands out only drivers of the caller's class
            // loader, and under serve's scheduler threads (and Quarkus' test class loaders) that is not the one
            // that registered PostgreSQL's driver, which fails with "No suitable driver"
            Connection connection = DRIVER.connect(url + encode(database), properties);
            if (connection == null) {
                throw new SQLException("the PostgreSQL driver does not accept '" + url + "'");
            }
            return connection;
        } catch (SQLException e) {
            throw new IOException("unable to connect to database '" + database + "' on " + this + ": " + e.getMessage(), e);
        }
    }

    /**
     * The environment for a client tool working on {@code database}: connection settings as
     * {@code PG*} variables, so the argument list holds no address and no secret.
     */
    public Map<String, String> toolEnvironment(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", Integer.toString(port));
        env.put("PGUSER", user);
        env.put("PGDATABASE", database);
        env.put("PGAPPNAME", "lifeboat");
        env.put("PGCONNECT_TIMEOUT", "15");
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        return env;
    }

    private static String encode(String database) {
        return java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
