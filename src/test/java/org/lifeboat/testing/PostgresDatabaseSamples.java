package org.lifeboat.testing;

import java.sql.SQLException;
import java.util.List;

/**
 * Databases that differ in what a dump of their content does not hold: encoding, locale and
 * locale provider, owner, grants, comment, connection limit, database and role settings. Each has
 * a table {@code words} whose {@code ORDER BY} shows the collation: {@link #sortedWords}. Every
 * database and object is owned by {@link #OWNER}, not a superuser, as an application's are.
 */
public final class PostgresDatabaseSamples {

    /** LATIN1 with the C locale (libc). */
    public static final String LATIN1_C = "latin_c";
    /** UTF8 with ICU's Swedish collation. */
    public static final String ICU_SWEDISH = "icu_swedish";
    /** UTF8 with libc's C.UTF-8, the server's default, plus every kind of setting, owner, grants and comment. */
    public static final String SETTINGS = "with_settings";
    /** Every sample database. */
    public static final List<String> ALL = List.of(LATIN1_C, ICU_SWEDISH, SETTINGS);
    /** The owner of {@link #SETTINGS} and of its objects (not a superuser). */
    public static final String OWNER = "app_owner";
    /** A role granted CONNECT on {@link #SETTINGS}, with a setting of its own there. */
    public static final String READER = "app_reader";

    private static final List<String> WORDS = List.of("apple", "Banana", "zebra", "ärlig", "åska", "öl", "Örn", "cherry", "Äpple");

    private PostgresDatabaseSamples() {
    }

    /** The roles {@link #create} uses, created on {@code pg} unless they exist. */
    public static void createRoles(PostgresServer pg) throws SQLException {
        for (String role : List.of(OWNER, READER)) {
            pg.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                    + role + "; END IF; END $$");
        }
    }

    /** Creates every sample database on {@code pg}, with its roles. */
    public static void create(PostgresServer pg) throws SQLException {
        createRoles(pg);
        pg.execute("postgres", "CREATE DATABASE " + LATIN1_C + " OWNER " + OWNER + " TEMPLATE template0 ENCODING 'LATIN1' LOCALE 'C'");
        pg.execute("postgres", "CREATE DATABASE " + ICU_SWEDISH + " OWNER " + OWNER + " TEMPLATE template0 ENCODING 'UTF8'"
                + " LOCALE_PROVIDER icu ICU_LOCALE 'sv-SE' LOCALE 'C.UTF-8'");
        pg.execute("postgres", "CREATE DATABASE " + SETTINGS + " OWNER " + OWNER);
        for (String db : ALL) {
            pg.execute(db, "CREATE TABLE words (w text NOT NULL); ALTER TABLE words OWNER TO " + OWNER);
            for (String word : WORDS) {
                pg.execute(db, "INSERT INTO words VALUES ('" + word + "')");
            }
        }
        pg.execute("postgres", String.join(";",
                "ALTER DATABASE " + SETTINGS + " SET search_path = app, public",
                "ALTER DATABASE " + SETTINGS + " SET timezone = 'Europe/Stockholm'",
                "ALTER DATABASE " + SETTINGS + " SET statement_timeout = '42s'",
                "ALTER DATABASE " + SETTINGS + " SET app.tenant = 'north ''quoted'' tenant'",
                "ALTER ROLE " + READER + " IN DATABASE " + SETTINGS + " SET search_path = \"My Schema\", public",
                "COMMENT ON DATABASE " + SETTINGS + " IS 'the registry''s database'",
                "ALTER DATABASE " + SETTINGS + " CONNECTION LIMIT 40",
                "REVOKE ALL ON DATABASE " + SETTINGS + " FROM PUBLIC",
                "GRANT CONNECT ON DATABASE " + SETTINGS + " TO " + READER,
                "GRANT TEMPORARY ON DATABASE " + SETTINGS + " TO " + READER + " WITH GRANT OPTION"));
        pg.execute(SETTINGS, String.join(";",
                "CREATE SCHEMA app AUTHORIZATION " + OWNER,
                "CREATE TABLE app.accounts (id int PRIMARY KEY, name text)",
                "ALTER TABLE app.accounts OWNER TO " + OWNER,
                "INSERT INTO app.accounts VALUES (1, 'one'), (2, 'two')",
                "GRANT SELECT ON app.accounts TO " + READER));
    }

    /** The words in {@code db}'s own sort order. */
    public static List<String> sortedWords(PostgresServer pg, String db) throws SQLException {
        return pg.queryColumn(db, "SELECT w FROM words ORDER BY w");
    }

    /** Encoding, collate, ctype, provider, ICU locale, owner, connection limit, comment and ACL of {@code db}, as one line. */
    public static String describe(PostgresServer pg, String db) throws SQLException {
        return pg.queryColumn("postgres", "SELECT concat_ws(' | ', pg_encoding_to_char(encoding), datcollate, datctype, datlocprovider,"
                + " daticulocale, pg_get_userbyid(datdba), datconnlimit, shobj_description(oid, 'pg_database'),"
                + " (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(datacl) x))"
                + " FROM pg_database WHERE datname = '" + db + "'").get(0);
    }

    /** Every setting of {@code db}: {@code role|name=value}, the database's own with role {@code -}. */
    public static List<String> settings(PostgresServer pg, String db) throws SQLException {
        return pg.queryColumn("postgres", "SELECT coalesce(pg_get_userbyid(nullif(s.setrole, 0)), '-') || '|' || c"
                + " FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase, unnest(s.setconfig) c"
                + " WHERE d.datname = '" + db + "' ORDER BY 1");
    }
}
