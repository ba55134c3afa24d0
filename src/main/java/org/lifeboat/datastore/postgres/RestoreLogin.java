package org.lifeboat.datastore.postgres;

import org.lifeboat.datastore.postgres.server.PostgresEndpoint;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * The login {@code pg_restore} runs as: never a superuser when that can be helped. What a dump
 * holds is executed as SQL by whoever loads it, so a dump holding {@code COPY … FROM PROGRAM}, an
 * untrusted language or any other superuser-only statement would run it on the database host if
 * the load ran as a superuser. {@code SET ROLE} or {@code pg_restore --role} are no barrier (the
 * dump's own SQL can {@code RESET ROLE} back to the superuser who logged in), so the load logs in
 * as a role that is not a superuser:
 *
 * <ul>
 *   <li>the configured user itself when it is not a superuser;
 *   <li>otherwise the restore role ({@link PgDumpOptions#restoreRole()}, created {@code NOLOGIN}
 *       if missing): for the restore only it gets {@code LOGIN}, a fresh random password (sent
 *       as a SCRAM verifier, so the server's log never holds it; it reaches pg_restore through
 *       {@code PGPASSWORD}) valid for a week at most, and, with {@code restore-ownership}, membership in every role that
 *       can own objects without power over the host (so that pg_restore may hand objects to
 *       them); {@link #close()} takes all of that away again.
 *   <li>the configured superuser only with {@code restore-as-superuser: true}, said in a warning.
 * </ul>
 */
final class RestoreLogin implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RestoreLogin.class);

    /** Roles a member of which could reach the host's files or programs, or make itself superuser. */
    private static final String UNSAFE = "(g.rolsuper OR g.rolcreaterole OR g.rolreplication"
            + " OR g.rolname IN ('pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files'))";
    private static final String MEMBERSHIPS = "WITH RECURSIVE member_of(member, role) AS ("
            + " SELECT member, roleid FROM pg_auth_members"
            + " UNION SELECT m.member, a.roleid FROM member_of m JOIN pg_auth_members a ON a.member = m.role)";
    /** Roles the restore role may be a member of while it loads with restore-ownership. */
    private static final String GRANTABLE = MEMBERSHIPS + " SELECT g.rolname FROM pg_roles g WHERE NOT " + UNSAFE
            + " AND g.rolname NOT LIKE 'pg\\_%' AND g.rolname <> ? AND NOT EXISTS (SELECT 1 FROM member_of m JOIN pg_roles u"
            + " ON u.oid = m.role WHERE m.member = g.oid AND " + UNSAFE.replace("g.", "u.") + ")"
            + " AND NOT pg_has_role(?, g.oid, 'MEMBER') ORDER BY 1";
    /** Why the restore role must not be used: empty when it is safe. */
    private static final String ROLE_PROBLEM = MEMBERSHIPS + " SELECT g.rolname FROM pg_roles r JOIN member_of m ON m.member = r.oid"
            + " JOIN pg_roles g ON g.oid = m.role WHERE r.rolname = ? AND " + UNSAFE;

    private final PostgresEndpoint endpoint;
    private final PostgresEndpoint login;
    private final List<String> granted;

    private RestoreLogin(PostgresEndpoint endpoint, PostgresEndpoint login, List<String> granted) {
        this.endpoint = endpoint;
        this.login = login;
        this.granted = granted;
    }

    /** Prepares the login for one restore; {@link #close()} ends it. */
    static RestoreLogin open(PostgresEndpoint endpoint, PgDumpOptions options, String datastoreName) throws IOException {
        String role = options.restoreRole();
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE); Statement statement = connection.createStatement()) {
            boolean superuser;
            try (ResultSet rows = statement.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                superuser = rows.next() && rows.getBoolean(1);
            }
            if (!superuser) {
                return new RestoreLogin(endpoint, endpoint, List.of());
            }
            if (options.restoreAsSuperuser()) {
                LOG.warnf("%s: restore-as-superuser is on: the dumps are loaded as superuser '%s', so SQL in a forged dump"
                        + " runs with superuser rights on %s", datastoreName, endpoint.user(), endpoint);
                return new RestoreLogin(endpoint, endpoint, List.of());
            }
            ensureRole(connection, statement, role);
            String password = password();
            connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
            String until = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
            statement.execute("ALTER ROLE " + PostgresCatalog.quote(role) + " LOGIN VALID UNTIL '" + until + "'");
            List<String> granted = new ArrayList<>();
            RestoreLogin login = new RestoreLogin(endpoint, endpoint.withLogin(role, password), granted);
            if (options.restoreOwnership()) {
                try {
                    for (String member : grantable(connection, role)) {
                        statement.execute("GRANT " + PostgresCatalog.quote(member) + " TO " + PostgresCatalog.quote(role));
                        granted.add(member);
                    }
                } catch (SQLException e) {
                    login.close();
                    throw e;
                }
            }
            return login;
        } catch (SQLException e) {
            throw new IOException("unable to prepare restore role '" + role + "' on " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** Where and as whom pg_restore logs in. */
    PostgresEndpoint endpoint() {
        return login;
    }

    /** The role pg_restore runs as. */
    String role() {
        return login.user();
    }

    /**
     * The owner of a scratch database while it is loaded: {@code recordedOwner} when the login may
     * act as it (so that objects handed to it find their schema's CREATE right, as the owner of
     * the database has it), else the login itself.
     */
    String loadOwner(Optional<String> recordedOwner) {
        return recordedOwner.filter(granted::contains).orElse(login.user());
    }

    /** Whether the load runs as another role than the configured user. */
    boolean separate() {
        return !login.user().equals(endpoint.user());
    }

    /** Takes the login and the memberships away again; never throws. */
    @Override
    public void close() {
        if (!separate()) {
            return;
        }
        String role = PostgresCatalog.quote(login.user());
        try (Connection connection = endpoint.connect(PostgresEndpoint.MAINTENANCE_DATABASE); Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + role + " NOLOGIN PASSWORD NULL");
            for (String member : granted) {
                statement.execute("REVOKE " + PostgresCatalog.quote(member) + " FROM " + role);
            }
        } catch (IOException | SQLException e) {
            // the restore's own result stands; the password was random and expires within a week
            LOG.warnf("unable to take the login of restore role %s away again on %s: %s", role, endpoint, e.getMessage());
        }
    }

    private static void ensureRole(Connection connection, Statement statement, String role) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(
                "SELECT rolsuper OR rolcreaterole OR rolreplication OR rolbypassrls FROM pg_roles WHERE rolname = ?")) {
            find.setString(1, role);
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    statement.execute("CREATE ROLE " + PostgresCatalog.quote(role)
                            + " NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT");
                    return;
                }
                if (rows.getBoolean(1)) {
                    throw new SQLException("it is a superuser or has CREATEROLE, REPLICATION or BYPASSRLS; the restore will not"
                            + " load dumps as it (ALTER ROLE it NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS, or name another)");
                }
            }
        }
        try (PreparedStatement members = connection.prepareStatement(ROLE_PROBLEM)) {
            members.setString(1, role);
            try (ResultSet rows = members.executeQuery()) {
                if (rows.next()) {
                    throw new SQLException("it is a member of '" + rows.getString(1) + "', which has power over the host or the"
                            + " roles; the restore will not load dumps as it (REVOKE that membership, or name another role)");
                }
            }
        }
    }

    private static List<String> grantable(Connection connection, String role) throws SQLException {
        List<String> roles = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(GRANTABLE)) {
            statement.setString(1, role);
            statement.setString(2, role);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    roles.add(rows.getString(1));
                }
            }
        }
        return roles;
    }

    private static String password() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
