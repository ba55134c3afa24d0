package org.lifeboat.datastore.postgres;

import java.sql.SQLException;
import java.util.List;
import org.lifeboat.testing.PostgresServer;

/**
 * The one database the PostgreSQL datastore contracts (dump mode here, pgBackRest's beside it) fill
 * and compare: made empty again on both clusters before each test, and fingerprinted table by table.
 */
public final class ContractDatabase {

    public static final String NAME = "contract";

    private ContractDatabase() {
    }

    /** Drops the database on each server (whoever is connected) and creates it empty. */
    public static void recreate(List<PostgresServer> servers) throws SQLException {
        for (PostgresServer server : servers) {
            server.execute("postgres", "DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
            server.createDatabase(NAME);
        }
    }

    /** Every table of the database with an md5 of its rows in order. */
    public static String fingerprint(PostgresServer server) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (String table : server.queryColumn(NAME, "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables"
                + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
            out.append(table).append(' ').append(server.queryColumn(NAME,
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM " + table + " t"))
                    .append('\n');
        }
        return out.toString();
    }
}
