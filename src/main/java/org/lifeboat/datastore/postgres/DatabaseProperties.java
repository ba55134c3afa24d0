package org.lifeboat.datastore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a database is besides its content, as {@code pg_database}, {@code pg_db_role_setting} and
 * {@code pg_shdescription} hold it (PostgreSQL 15): encoding, locale and locale provider, owner,
 * connection limit, comment, grants on the database, and the settings of {@code ALTER DATABASE …
 * SET} and {@code ALTER ROLE … IN DATABASE … SET}. A dump of the database's content holds none of
 * these, so they are recorded at backup as text facts (one key each, readable in the artifact),
 * applied to the scratch database, and checked after the restore like the row counts.
 *
 * <p>Keys: {@value #ENCODING}, {@value #LC_COLLATE}, {@value #LC_CTYPE}, {@value #PROVIDER},
 * {@value #ICU_LOCALE} (ICU only), {@value #COLLATION_VERSION} (informative), {@value #CONNECTION_LIMIT},
 * {@value #COMMENT} (when there is one), {@value #OWNER}, {@value #ACL} ({@code default} or
 * {@code explicit}), {@code grant <PRIVILEGE> to <grantee>} → {@code by <grantor>[ with grant option]},
 * {@code setting <name>} and {@code setting <name> for role <role>} → the value as PostgreSQL stores it.
 *
 * @param facts key → value, sorted by key
 */
record DatabaseProperties(SortedMap<String, String> facts) {

    static final String ENCODING = "encoding";
    static final String LC_COLLATE = "lc_collate";
    static final String LC_CTYPE = "lc_ctype";
    static final String PROVIDER = "locale_provider";
    static final String ICU_LOCALE = "icu_locale";
    static final String COLLATION_VERSION = "collation_version";
    static final String CONNECTION_LIMIT = "connection_limit";
    static final String COMMENT = "comment";
    static final String OWNER = "owner";
    static final String ACL = "acl";
    static final String GRANT = "grant ";
    static final String SETTING = "setting ";
    static final String FOR_ROLE = " for role ";

    private static final String DATABASE = "SELECT pg_encoding_to_char(d.encoding), d.datcollate, d.datctype,"
            + " CASE d.datlocprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN 'libc' ELSE d.datlocprovider::text END,"
            + " d.daticulocale, d.datcollversion, d.datconnlimit, pg_get_userbyid(d.datdba),"
            + " shobj_description(d.oid, 'pg_database'), d.datacl IS NULL FROM pg_database d WHERE d.datname = ?";
    private static final String GRANTS = "SELECT a.privilege_type,"
            + " CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END, pg_get_userbyid(a.grantor), a.is_grantable"
            + " FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = ?";
    private static final String SETTINGS = "SELECT CASE WHEN s.setrole = 0 THEN NULL ELSE pg_get_userbyid(s.setrole) END,"
            + " unnest(s.setconfig) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = ?";

    /** A grant on the database: {@code privilege} is {@code CONNECT}, {@code CREATE} or {@code TEMPORARY}. */
    record Grant(String privilege, String grantee, String grantor, boolean grantable) {
    }

    /** A setting; {@code role} is empty for one of the whole database. */
    record Setting(Optional<String> role, String name, String value) {
    }

    DatabaseProperties {
        facts = new TreeMap<>(facts);
    }

    /** The properties of {@code database} as {@code connection}'s server holds them (any database of it will do). */
    static DatabaseProperties read(Connection connection, String database) throws SQLException {
        SortedMap<String, String> facts = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(DATABASE)) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("database '" + database + "' does not exist");
                }
                facts.put(ENCODING, rows.getString(1));
                facts.put(LC_COLLATE, rows.getString(2));
                facts.put(LC_CTYPE, rows.getString(3));
                facts.put(PROVIDER, rows.getString(4));
                putIfPresent(facts, ICU_LOCALE, rows.getString(5));
                putIfPresent(facts, COLLATION_VERSION, rows.getString(6));
                facts.put(CONNECTION_LIMIT, Integer.toString(rows.getInt(7)));
                facts.put(OWNER, rows.getString(8));
                putIfPresent(facts, COMMENT, rows.getString(9));
                facts.put(ACL, rows.getBoolean(10) ? "default" : "explicit");
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(GRANTS)) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    facts.put(GRANT + rows.getString(1) + " to " + rows.getString(2),
                            "by " + rows.getString(3) + (rows.getBoolean(4) ? " with grant option" : ""));
                }
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(SETTINGS)) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String role = rows.getString(1);
                    String setting = rows.getString(2);
                    int equals = setting.indexOf('=');
                    facts.put(SETTING + setting.substring(0, equals) + (role == null ? "" : FOR_ROLE + role), setting.substring(equals + 1));
                }
            }
        }
        return new DatabaseProperties(facts);
    }

    String get(String key) {
        return facts.get(key);
    }

    boolean icu() {
        return "icu".equals(facts.get(PROVIDER));
    }

    /** The explicit grants; empty when the database has the default privileges. */
    List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            if (fact.getKey().startsWith(GRANT)) {
                String rest = fact.getKey().substring(GRANT.length());
                int to = rest.indexOf(" to ");
                String by = fact.getValue().substring("by ".length());
                boolean grantable = by.endsWith(" with grant option");
                grants.add(new Grant(rest.substring(0, to), rest.substring(to + " to ".length()),
                        grantable ? by.substring(0, by.length() - " with grant option".length()) : by, grantable));
            }
        }
        return grants;
    }

    /** The settings, the database's own first. */
    List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        for (Map.Entry<String, String> fact : facts.entrySet()) {
            if (fact.getKey().startsWith(SETTING)) {
                String rest = fact.getKey().substring(SETTING.length());
                int forRole = rest.indexOf(FOR_ROLE); // setting names hold no spaces: the first " for role " ends the name
                settings.add(forRole < 0 ? new Setting(Optional.empty(), rest, fact.getValue())
                        : new Setting(Optional.of(rest.substring(forRole + FOR_ROLE.length())), rest.substring(0, forRole), fact.getValue()));
            }
        }
        settings.sort((a, b) -> Boolean.compare(a.role().isPresent(), b.role().isPresent()));
        return settings;
    }

    /**
     * Every key of {@code wanted} whose value differs here, as {@code '<key>' expected '<value>', found
     * '<value>'}, and every key here that {@code wanted} lacks; {@link #COLLATION_VERSION} is left out
     * (it names the library version of each server, not the database).
     */
    List<String> differences(DatabaseProperties wanted) {
        List<String> differences = new ArrayList<>();
        TreeMap<String, String> all = new TreeMap<>(wanted.facts);
        facts.forEach(all::putIfAbsent);
        for (String key : all.keySet()) {
            String expected = wanted.facts.get(key);
            String found = facts.get(key);
            if (!key.equals(COLLATION_VERSION) && !Objects.equals(expected, found)) {
                differences.add("'" + key + "' expected " + shown(expected) + ", found " + shown(found));
            }
        }
        return differences;
    }

    private static String shown(String value) {
        return value == null ? "none" : "'" + value + "'";
    }

    private static void putIfPresent(Map<String, String> facts, String key, String value) {
        if (value != null) {
            facts.put(key, value);
        }
    }
}
