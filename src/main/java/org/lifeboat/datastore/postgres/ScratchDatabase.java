package org.lifeboat.datastore.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scratch database a dump is loaded into, made like the one backed up: created from
 * {@code template0} with its encoding, locale and locale provider (so text sorts and compares as
 * it did), owned during the load by the role that loads it; after the load it gets the recorded
 * connection limit, comment, settings, and, with {@code restore-ownership}, owner and grants.
 * Statements run on a maintenance connection of the configured user; every name and value is
 * quoted here.
 */
final class ScratchDatabase {

    /** Settings whose value is a list of names, each quoted on its own (pg_dump's {@code variable_is_guc_list_quote}). */
    private static final Set<String> LIST_SETTINGS = Set.of("local_preload_libraries", "search_path", "session_preload_libraries",
            "shared_preload_libraries", "temp_tablespaces", "unix_socket_directories");

    private ScratchDatabase() {
    }

    /** {@code CREATE DATABASE} of {@code scratch} owned by {@code owner}, with the locale of {@code recorded} when there is one. */
    static void create(Statement maintenance, String scratch, Optional<DatabaseProperties> recorded, String owner) throws SQLException {
        maintenance.execute("DROP DATABASE IF EXISTS " + PostgresCatalog.quote(scratch) + " WITH (FORCE)");
        StringBuilder sql = new StringBuilder("CREATE DATABASE " + PostgresCatalog.quote(scratch) + " WITH OWNER "
                + PostgresCatalog.quote(owner) + " TEMPLATE template0");
        if (recorded.isPresent()) {
            DatabaseProperties p = recorded.get();
            sql.append(" ENCODING ").append(literal(p.get(DatabaseProperties.ENCODING)))
                    .append(" LC_COLLATE ").append(literal(p.get(DatabaseProperties.LC_COLLATE)))
                    .append(" LC_CTYPE ").append(literal(p.get(DatabaseProperties.LC_CTYPE)))
                    .append(" LOCALE_PROVIDER ").append(p.icu() ? "icu" : "libc");
            if (p.icu()) {
                sql.append(" ICU_LOCALE ").append(literal(p.get(DatabaseProperties.ICU_LOCALE)));
            }
        }
        maintenance.execute(sql.toString());
    }

    /**
     * Gives the loaded {@code scratch} the properties of {@code wanted} (see
     * {@link RestoredProperties#wanted}): connection limit, comment, owner, grants, settings.
     */
    static void apply(Connection maintenance, String scratch, DatabaseProperties wanted) throws SQLException {
        String db = PostgresCatalog.quote(scratch);
        try (Statement statement = maintenance.createStatement()) {
            statement.execute("ALTER DATABASE " + db + " OWNER TO " + PostgresCatalog.quote(wanted.get(DatabaseProperties.OWNER)));
            statement.execute("ALTER DATABASE " + db + " CONNECTION LIMIT " + Integer.parseInt(wanted.get(DatabaseProperties.CONNECTION_LIMIT)));
            String comment = wanted.get(DatabaseProperties.COMMENT);
            statement.execute("COMMENT ON DATABASE " + db + " IS " + (comment == null ? "NULL" : literal(comment)));
            if ("explicit".equals(wanted.get(DatabaseProperties.ACL))) {
                statement.execute("REVOKE ALL ON DATABASE " + db + " FROM PUBLIC");
                statement.execute("REVOKE ALL ON DATABASE " + db + " FROM " + PostgresCatalog.quote(wanted.get(DatabaseProperties.OWNER)));
                List<DatabaseProperties.Grant> grants = new ArrayList<>(wanted.grants());
                // the owner's grants first: a grantor other than the owner holds its grant option from one of them
                grants.sort((a, b) -> Boolean.compare(!a.grantor().equals(wanted.get(DatabaseProperties.OWNER)),
                        !b.grantor().equals(wanted.get(DatabaseProperties.OWNER))));
                for (DatabaseProperties.Grant grant : grants) {
                    statement.execute("SET ROLE " + PostgresCatalog.quote(grant.grantor()));
                    try {
                        statement.execute("GRANT " + grant.privilege() + " ON DATABASE " + db + " TO "
                                + (grant.grantee().equals("PUBLIC") ? "PUBLIC" : PostgresCatalog.quote(grant.grantee()))
                                + (grant.grantable() ? " WITH GRANT OPTION" : ""));
                    } finally {
                        statement.execute("RESET ROLE");
                    }
                }
            }
            for (DatabaseProperties.Setting setting : wanted.settings()) {
                String target = setting.role().map(role -> "ROLE " + PostgresCatalog.quote(role) + " IN DATABASE " + db)
                        .orElse("DATABASE " + db);
                statement.execute("ALTER " + target + " SET " + PostgresCatalog.quote(setting.name()) + " TO "
                        + value(setting.name(), setting.value()));
            }
        }
    }

    /**
     * A stored setting value as the SQL that sets it again: one literal, or for the list settings
     * one literal per element (as pg_dump writes them), so that {@code "My Schema", public} comes
     * back as two schemas and not as one schema of that name.
     */
    static String value(String name, String stored) {
        if (!LIST_SETTINGS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return literal(stored);
        }
        List<String> elements = new ArrayList<>();
        int i = 0;
        while (i < stored.length()) {
            while (i < stored.length() && Character.isWhitespace(stored.charAt(i))) {
                i++;
            }
            if (i >= stored.length()) {
                break;
            }
            StringBuilder element = new StringBuilder();
            if (stored.charAt(i) == '"') {
                for (i++; i < stored.length(); i++) {
                    if (stored.charAt(i) == '"') {
                        if (i + 1 < stored.length() && stored.charAt(i + 1) == '"') {
                            element.append('"');
                            i++;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        element.append(stored.charAt(i));
                    }
                }
            } else {
                for (; i < stored.length() && stored.charAt(i) != ',' && !Character.isWhitespace(stored.charAt(i)); i++) {
                    element.append(stored.charAt(i));
                }
            }
            elements.add(literal(element.toString()));
            while (i < stored.length() && (Character.isWhitespace(stored.charAt(i)) || stored.charAt(i) == ',')) {
                i++;
            }
        }
        return elements.isEmpty() ? "''" : String.join(", ", elements);
    }

    /** A SQL string literal (standard_conforming_strings is on, as since PostgreSQL 9.1 by default). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
